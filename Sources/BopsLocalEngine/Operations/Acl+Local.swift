import BopsJobs

extension S3SetObjectAclOperation: LocalOperation {
    func validate() throws {
        guard let policy = accessControlPolicy else {
            throw OperationValidation.bad("S3PutObjectAcl.AccessControlPolicy is required")
        }
        switch (policy.accessControlList, policy.cannedAccessControlList) {
        case (nil, nil):
            throw OperationValidation.bad(
                "S3PutObjectAcl.AccessControlPolicy needs AccessControlList or CannedAccessControlList")
        case (.some, .some):
            throw OperationValidation.bad(
                "S3PutObjectAcl.AccessControlPolicy: specify either AccessControlList or "
                    + "CannedAccessControlList, not both")
        case (let list?, nil):
            guard let id = list.owner.id, !id.isEmpty else {
                throw OperationValidation.bad(
                    "S3PutObjectAcl.AccessControlList.Owner.ID is required: grants need an owner")
            }
            for (i, grant) in (list.grants ?? []).enumerated() {
                guard let grantee = grant.grantee, grantee.typeIdentifier != nil,
                    let identifier = grantee.identifier, !identifier.isEmpty
                else {
                    throw OperationValidation.bad(
                        "S3PutObjectAcl.AccessControlList.Grants[\(i)] needs a Grantee with TypeIdentifier "
                            + "and Identifier")
                }
                guard grant.permission != nil else {
                    throw OperationValidation.bad(
                        "S3PutObjectAcl.AccessControlList.Grants[\(i)].Permission is required")
                }
            }
        case (nil, .some):
            break
        }
    }

    func executor(_ c: TaskContext) -> (any TaskExecutor)? {
        guard let policy = accessControlPolicy else { return nil }
        return AclExecutor(store: c.store, policy: policy)
    }
}
