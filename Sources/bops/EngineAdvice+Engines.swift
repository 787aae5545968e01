import BopsProject

/// Hints on the local engine name the `bops local` command that makes what is missing.
struct LocalAdvice: EngineAdvice {
    func createBucket(_ bucket: String, features: BucketFeatures) -> String {
        var command = "bops local mb \(bucket)"
        if features.contains(.objectLock) {
            command += " --object-lock"  // implies versioning
        } else if features.contains(.versioning) {
            command += " --versioning"
        }
        return "create it with: \(command)"
    }

    func addReplication(_ bucket: String) -> String {
        "give \(bucket) a replication rule with: bops local put-replication \(bucket) replication.json"
    }

    func putBucketPolicy(_ bucket: String) -> String {
        "then: bops local put-bucket-config \(bucket) --policy policy.json"
    }

    func allowPublicACLs(_ bucket: String) -> String {
        "bops local put-bucket-config \(bucket) --public-access-block none"
    }

    func reviewLifecycle(_ bucket: String) -> String {
        "bops local put-bucket-config \(bucket) --lifecycle lifecycle.json (or none)"
    }

    func removeDefaultRetention(_ bucket: String) -> String {
        "bops local put-bucket-config \(bucket) --object-lock-retention none"
    }

    func putKeyPolicy(_ key: String) -> String {
        "then: bops local kms put-key-policy \(key) --policy key-policy.json"
    }

    func enableKey(_ key: String) -> String {
        "bops local kms enable-key \(key)"
    }

    func includeAllVersions(_ bucket: String, id: String) -> String {
        "put the configuration \(id) again with \"IncludedObjectVersions\": \"All\": "
            + "bops local put-bucket-config \(bucket) --inventory inventory.json"
    }
}

/// Hints on the aws engine name the AWS CLI command that does it.
struct AWSAdvice: EngineAdvice {
    func createBucket(_ bucket: String, features: BucketFeatures) -> String {
        if features.contains(.objectLock) {
            return
                "create it with: aws s3api create-bucket --bucket \(bucket) --object-lock-enabled-for-bucket"
        }
        if features.contains(.versioning) {
            return "create it with: aws s3 mb s3://\(bucket), then enable versioning on it"
        }
        return "create it with: aws s3 mb s3://\(bucket)"
    }

    func enableVersioning(_ bucket: String) -> String {
        "S3 Batch Replication needs versioning: aws s3api put-bucket-versioning --bucket \(bucket) "
            + "--versioning-configuration Status=Enabled"
    }

    func addReplication(_ bucket: String) -> String {
        "add a replication rule before replicating existing objects: aws s3api put-bucket-replication "
            + "--bucket \(bucket) --replication-configuration file://replication.json"
    }

    func enableObjectLock(_ bucket: String) -> String {
        "enable it with: aws s3api put-object-lock-configuration --bucket \(bucket) "
            + "--object-lock-configuration ObjectLockEnabled=Enabled"
    }

    func putBucketPolicy(_ bucket: String) -> String {
        "read it with: aws s3api get-bucket-policy --bucket \(bucket), then: aws s3api put-bucket-policy "
            + "--bucket \(bucket) --policy file://policy.json"
    }

    func allowPublicACLs(_ bucket: String) -> String {
        "aws s3api put-public-access-block --bucket \(bucket) --public-access-block-configuration "
            + "BlockPublicAcls=false,IgnorePublicAcls=false,BlockPublicPolicy=true,RestrictPublicBuckets=true"
    }

    func reviewLifecycle(_ bucket: String) -> String {
        "aws s3api get-bucket-lifecycle-configuration --bucket \(bucket)"
    }

    func removeDefaultRetention(_ bucket: String) -> String {
        "aws s3api put-object-lock-configuration --bucket \(bucket) --object-lock-configuration "
            + "ObjectLockEnabled=Enabled"
    }

    func putKeyPolicy(_ key: String) -> String {
        "read it with: aws kms get-key-policy --key-id \(key) --policy-name default, then: aws kms put-key-policy "
            + "--key-id \(key) --policy-name default --policy file://key-policy.json"
    }

    func enableKey(_ key: String) -> String {
        "aws kms enable-key --key-id \(key)"
    }

    func includeAllVersions(_ bucket: String, id: String) -> String {
        "read it with: aws s3api get-bucket-inventory-configuration --bucket \(bucket) --id \(id), set "
            + "\"IncludedObjectVersions\": \"All\", then: aws s3api put-bucket-inventory-configuration "
            + "--bucket \(bucket) --id \(id) --inventory-configuration file://inventory.json"
    }
}
