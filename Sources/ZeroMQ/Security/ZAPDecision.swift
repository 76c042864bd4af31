/// A ZAP handler's verdict on one request, turned into a ``ZAPReply`` by ``ZAPHandler``.
public enum ZAPDecision: Sendable, Hashable {
    /// Admit the peer; `userID` is attached to each of its messages (``ReceivedMessage/userID``).
    case allow(userID: String)
    /// Refuse the peer (status 400) for the given reason.
    case deny(reason: String)
    /// Refuse for now (status 300), e.g. while the allowlist reloads; the client may retry.
    case temporaryFailure(reason: String)
}
