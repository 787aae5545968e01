import Crypto
import Foundation

/// Remembers the last derived signing key of one signer, keyed by the date stamp (region,
/// service and secret are fixed per signer), so consecutive requests on the same UTC day do not
/// repeat the four-step HMAC derivation.
final class SigningKeyCache: @unchecked Sendable {
    private let lock = NSLock()
    private var dateStamp = ""
    private var key: SymmetricKey?

    func key(for dateStamp: String, derive: () -> SymmetricKey) -> SymmetricKey {
        lock.lock()
        defer { lock.unlock() }
        if let key, self.dateStamp == dateStamp { return key }
        let derived = derive()
        self.dateStamp = dateStamp
        key = derived
        return derived
    }
}
