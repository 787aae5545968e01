import BopsEmulator
import Foundation
import Testing

/// Each access key signs as an account: buckets belong to the account that created them, and the
/// ownership answers follow (ListBuckets, BucketAlreadyOwnedByYou against BucketAlreadyExists, the
/// owner in listings), through the AWS CLI. (BucketAlreadyOwnedByYou outside us-east-1 is in
/// BucketSemanticsTests.)
@Suite(
    "accounts per access key", .serialized, .enabled(if: AWSCLI.available, "needs the AWS CLI"),
    .tags(.process))
struct AccountsTests {
    static let otherKey = "AKIDSECONDACCOUNT001"
    static let otherSecret = "second-account-secret"
    static let otherAccount = "210987654321"

    func withTwoAccounts(_ body: (AWSCLI, AWSCLI) async throws -> Void) async throws {
        try await withEmulator { configuration in
            configuration.credentials[Self.otherKey] = Self.otherSecret
            configuration.accounts[Self.otherKey] = Self.otherAccount
        } _: { _, running in
            let first = try AWSCLI(endpoint: running.endpoint.url)
            let second = try AWSCLI(
                endpoint: running.endpoint.url, accessKey: Self.otherKey, secretKey: Self.otherSecret)
            try await body(first, second)
        }
    }

    @Test(.timeLimit(.minutes(2))) func bucketsBelongToTheAccountThatCreatedThem() async throws {
        try await withTwoAccounts { first, second in
            try await first.json(["s3api", "create-bucket", "--bucket", "first-bucket"])
            try await second.json(["s3api", "create-bucket", "--bucket", "second-bucket"])
            // Your own bucket again: 200 in us-east-1; another account's: 409 BucketAlreadyExists.
            try await first.json(["s3api", "create-bucket", "--bucket", "first-bucket"])
            let taken = try await second.failure(["s3api", "create-bucket", "--bucket", "first-bucket"])
            #expect(taken.contains("(BucketAlreadyExists)"), "\(taken)")

            let mine = try await first.json(["s3api", "list-buckets"])
            let theirs = try await second.json(["s3api", "list-buckets"])
            func names(_ listing: [String: Any]) -> [String] {
                (listing["Buckets"] as? [[String: Any]] ?? []).compactMap { $0["Name"] as? String }
            }
            #expect(names(mine) == ["first-bucket"], "\(mine)")
            #expect(names(theirs) == ["second-bucket"], "\(theirs)")
            #expect((theirs["Owner"] as? [String: Any])?["ID"] as? String == Self.otherAccount, "\(theirs)")
            #expect((mine["Owner"] as? [String: Any])?["ID"] as? String == "emulator", "\(mine)")

            let body = try second.file("8 bytes!")
            try await second.json([
                "s3api", "put-object", "--bucket", "second-bucket", "--key", "k", "--body", body,
            ])
            let listed = try await second.json([
                "s3api", "list-objects-v2", "--bucket", "second-bucket", "--fetch-owner",
            ])
            let owner = (listed["Contents"] as? [[String: Any]])?.first?["Owner"] as? [String: Any]
            #expect(owner?["ID"] as? String == Self.otherAccount, "\(listed)")
        }
    }
}
