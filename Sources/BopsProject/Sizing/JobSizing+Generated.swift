import BopsCost
import BopsJobs

extension JobSizing {
    /// A generated manifest's objects: the source bucket listed (to the end where listing is
    /// cheap, else up to `listLimit` keys) and the generator's filter applied. The listing's size
    /// is also the bucket's object count the generator is charged by. Replicate's generator takes
    /// every version; a listing shows current ones, so its figures are then at least these.
    func generated(_ g: S3JobManifestGenerator, operation: JobOperation, copying: Bool) async -> JobSize {
        guard let bucket = S3ARN.bucket(g.sourceBucket) else {
            return JobSize(objects: .unknown, bytes: .unknown)
        }
        let limit = listLimit ?? Int.max
        let store = objects
        let listing = try? await shared.listings.value(for: "\(bucket)\n\(limit)") {
            () async throws -> Listing in
            let (found, complete) = try await store.listObjects(bucket: bucket, prefix: nil, limit: limit)
            let replication = try? await store.replicationConfiguration(bucket: bucket)
            return Listing(objects: found, complete: complete, replication: replication)
        }
        guard let listing else {
            var size = JobSize(objects: .unknown, bytes: .unknown)
            size.sourceBucketObjects = .unknown
            size.note = "the source bucket \(bucket) could not be listed"
            return size
        }
        let filter = g.filter ?? JobManifestGeneratorFilter()
        var tally = ObjectTally()
        for o in listing.objects where filter.matches(o, replication: listing.replication) { tally.add(o) }
        let allVersions = operation == .s3ReplicateObject
        let exactness: Exactness = listing.complete && !allVersions ? .exact : .atLeast
        var size = tally.size(exactness: exactness, copying: copying)
        size.sourceBucketObjects = Figure(Int64(listing.objects.count), listing.complete ? .exact : .atLeast)
        if !listing.complete {
            size.note =
                "the listing stopped at review.listLimit (\(limit) keys): the figures are lower bounds"
        } else if allVersions {
            size.note = "Replicate's generator takes every version; the figures count current versions"
        }
        return size
    }

    /// One bucket's listing, shared by the specs that generate from it.
    struct Listing: Sendable {
        var objects: [ObjectInfo]
        var complete: Bool
        var replication: ReplicationConfiguration?
    }
}
