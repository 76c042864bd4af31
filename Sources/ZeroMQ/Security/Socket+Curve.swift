extension Socket {
    /// Makes this socket a CURVE server: peers must know `keys.publicKey`, and every connection is
    /// encrypted and (with a ZAP handler bound) authenticated. Call before `bind`.
    /// - Parameters:
    ///   - keys: The server's key pair.
    ///   - zapDomain: The ZAP domain sent with authentication requests, or `nil` for none.
    ///   - enforceDomain: Refuse peers when no ZAP handler is bound at ``ZAPHandler/endpoint`` in the
    ///     context, instead of admitting every peer that knows the server key (`ZMQ_ZAP_ENFORCE_DOMAIN`).
    ///     On by default so that a missing handler fails closed.
    /// - Throws: ``ZMQError`` naming the option libzmq refused.
    public func makeCurveServer(keys: CurveKeyPair, zapDomain: String? = nil, enforceDomain: Bool = true)
        throws(ZMQError)
    {
        try set(.curveServer, true)
        try set(.curveSecretKey, keys.secretKey)
        if let zapDomain {
            try set(.zapDomain, zapDomain)
        }
        try set(.zapEnforceDomain, enforceDomain)
    }

    /// Makes this socket a CURVE client of the server whose public key is `serverPublicKey`. Call before
    /// `connect`.
    /// - Parameters:
    ///   - keys: This client's key pair (its public key is what the server's ZAP handler sees).
    ///   - serverPublicKey: The server's 40-character Z85 public key.
    /// - Throws: ``ZMQError`` (`EINVAL` with a reason when a key is malformed).
    public func makeCurveClient(keys: CurveKeyPair, serverPublicKey: String) throws(ZMQError) {
        try CurveKeyPair.checkKeyText(serverPublicKey, role: "server public key")
        try set(.curveServerKey, serverPublicKey)
        try set(.curvePublicKey, keys.publicKey)
        try set(.curveSecretKey, keys.secretKey)
    }
}
