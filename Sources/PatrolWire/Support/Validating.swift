/// A message part that checks its own fields; the path names where it sits in the enclosing message.
protocol Validating {
    func validate(at path: FieldPath) throws(WireError)
}
