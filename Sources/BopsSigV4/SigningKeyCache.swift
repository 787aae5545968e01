import Crypto
import Synchronization

/// Remembers the last derived signing key of one signer, keyed by the date stamp (region,
/// service and secret are fixed per signer), so consecutive requests on the same UTC day do not
/// repeat the four-step HMAC derivation.
final class SigningKeyCache: Sendable {
    private let last = Mutex<(dateStamp: String, key: SymmetricKey)?>(nil)

    func key(for dateStamp: String, derive: () -> SymmetricKey) -> SymmetricKey {
        last.withLock { last in
            if let last, last.dateStamp == dateStamp { return last.key }
            let derived = derive()
            last = (dateStamp, derived)
            return derived
        }
    }
}
