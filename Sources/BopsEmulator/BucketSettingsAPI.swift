import BopsAWSModel
import BopsJobs
import BopsLocalEngine

/// The bucket settings calls: PutBucketPolicy / GetBucketPolicy / DeleteBucketPolicy,
/// PutPublicAccessBlock / GetPublicAccessBlock / DeletePublicAccessBlock, PutObjectLockConfiguration /
/// GetObjectLockConfiguration, PutBucketLifecycleConfiguration / GetBucketLifecycleConfiguration /
/// DeleteBucketLifecycle, PutBucketEncryption / GetBucketEncryption / DeleteBucketEncryption,
/// PutBucketInventoryConfiguration / GetBucketInventoryConfiguration /
/// DeleteBucketInventoryConfiguration / ListBucketInventoryConfigurations, over the local store
/// (`LocalStore+BucketSettings.swift`), which jobs obey.
extension S3API {
    /// The answer when `request` is one of these calls, `nil` otherwise.
    func bucketSettings(_ request: IncomingRequest, bucket: String) throws -> Answer? {
        let method = request.method
        if request.hasQuery("policy") {
            let info = try requireBucket(bucket)
            switch method {
            case "PUT":
                let text = try decoded("MalformedPolicy") { () throws(AWSShapeError) in
                    try S3Requests.readPutBucketPolicy(request.parts)
                }
                try store.putBucketPolicy(bucket, text)
                return Answer(status: 204)
            case "GET":
                guard let policy = info.policy else {
                    throw APIError(
                        404, "NoSuchBucketPolicy", "The bucket policy does not exist",
                        extra: [("BucketName", bucket)])
                }
                return Answer(
                    status: 200, headers: [("Content-Type", "application/json")], body: Array(policy.utf8))
            case "DELETE":
                try store.putBucketPolicy(bucket, nil)
                return Answer(status: 204)
            default: return nil
            }
        }
        if request.hasQuery("publicAccessBlock") {
            let info = try requireBucket(bucket)
            switch method {
            case "PUT":
                let settings = try decoded("MalformedXML") { () throws(AWSShapeError) in
                    try S3Requests.readPutPublicAccessBlock(request.parts)
                }
                try store.putPublicAccessBlock(bucket, settings)
                return Answer()
            case "GET":
                guard let settings = info.publicAccessBlock else {
                    throw APIError(
                        404, "NoSuchPublicAccessBlockConfiguration",
                        "The public access block configuration was not found", extra: [("BucketName", bucket)]
                    )
                }
                return .xml(S3Responses.publicAccessBlockBody(settings))
            case "DELETE":
                try store.putPublicAccessBlock(bucket, nil)
                return Answer(status: 204)
            default: return nil
            }
        }
        if request.hasQuery("object-lock") {
            let info = try requireBucket(bucket)
            switch method {
            case "PUT":
                let configuration = try decoded("MalformedXML") { () throws(AWSShapeError) in
                    try S3Requests.readPutObjectLockConfiguration(request.parts)
                }
                try store.putObjectLockConfiguration(bucket, defaultRetention: configuration.defaultRetention)
                return Answer()
            case "GET":
                guard info.objectLockEnabled else {
                    throw APIError(
                        404, "ObjectLockConfigurationNotFoundError",
                        "Object Lock configuration does not exist for this bucket",
                        extra: [("BucketName", bucket)])
                }
                return .xml(
                    S3Responses.objectLockConfigurationBody(
                        ObjectLockConfiguration(defaultRetention: info.defaultRetention)))
            default: return nil
            }
        }
        if request.hasQuery("lifecycle") {
            let info = try requireBucket(bucket)
            switch method {
            case "PUT":
                let rules = try decoded("MalformedXML") { () throws(AWSShapeError) in
                    try S3Requests.readPutBucketLifecycleConfiguration(request.parts)
                }
                try store.putLifecycle(bucket, rules)
                return Answer()
            case "GET":
                guard let rules = info.lifecycle else {
                    throw APIError(
                        404, "NoSuchLifecycleConfiguration", "The lifecycle configuration does not exist",
                        extra: [("BucketName", bucket)])
                }
                return .xml(S3Responses.lifecycleConfigurationBody(rules))
            case "DELETE":
                try store.putLifecycle(bucket, nil)
                return Answer(status: 204)
            default: return nil
            }
        }
        if request.hasQuery("encryption") {
            let info = try requireBucket(bucket)
            switch method {
            case "PUT":
                let encryption = try decoded("MalformedXML") { () throws(AWSShapeError) in
                    try S3Requests.readPutBucketEncryption(request.parts)
                }
                try store.putBucketEncryption(bucket, encryption)
                return Answer()
            case "GET":
                guard let encryption = info.encryption else {
                    throw APIError(
                        404, "ServerSideEncryptionConfigurationNotFoundError",
                        "The server side encryption configuration was not found",
                        extra: [("BucketName", bucket)])
                }
                return .xml(S3Responses.bucketEncryptionBody(encryption))
            case "DELETE":
                try store.putBucketEncryption(bucket, nil)
                return Answer(status: 204)
            default: return nil
            }
        }
        if request.hasQuery("inventory") {
            return try inventory(request, bucket: bucket)
        }
        return nil
    }

    /// PutBucketInventoryConfiguration / GetBucketInventoryConfiguration /
    /// DeleteBucketInventoryConfiguration (`?inventory&id=ID`) and ListBucketInventoryConfigurations
    /// (`?inventory`, one page).
    func inventory(_ request: IncomingRequest, bucket: String) throws -> Answer? {
        let info = try requireBucket(bucket)
        let all = info.inventory ?? []
        guard let id = request.queryValue("id") else {
            guard request.method == "GET" else {
                throw APIError(400, "InvalidArgument", "the inventory configuration id is missing")
            }
            return .xml(S3Responses.inventoryConfigurationsBody(all))
        }
        let missing = APIError(404, "NoSuchConfiguration", "The specified configuration does not exist.")
        switch request.method {
        case "PUT":
            let configuration = try decoded("MalformedXML") { () throws(AWSShapeError) in
                try S3Requests.readPutBucketInventoryConfiguration(request.parts, id: id)
            }
            try store.putInventoryConfiguration(bucket, configuration)
            return Answer()
        case "GET":
            guard let configuration = all.first(where: { $0.id == id }) else { throw missing }
            return .xml(S3Responses.inventoryConfigurationBody(configuration))
        case "DELETE":
            guard all.contains(where: { $0.id == id }) else { throw missing }
            try store.deleteInventoryConfiguration(bucket, id: id)
            return Answer(status: 204)
        default: return nil
        }
    }
}
