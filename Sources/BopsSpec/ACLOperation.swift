public import BopsJobs
import BopsNode

extension JobSpec {
    /// `operation.acl`: S3PutObjectAcl (botocore `S3SetObjectAclOperation`). A canned ACL or explicit
    /// grants replace all grants of every object; grants need the objects' owner (`owner.id`), as
    /// AWS's `S3AccessControlList` does.
    public struct ACLOperation: Sendable, Hashable, Codable {
        /// The canned ACL or the grants (the same choice as `copy.acl`).
        public var access: AccessControl
        /// Present with grants (a rule reports its absence); never with a canned ACL (the schema).
        public var owner: Owner?

        public init(access: AccessControl, owner: Owner? = nil) {
            self.access = access
            self.owner = owner
        }
    }

    /// The owner of the objects (botocore `S3ObjectOwner`).
    public struct Owner: Sendable, Hashable, Codable {
        /// Canonical user ID.
        public var id: String
        public var displayName: String?

        public init(id: String, displayName: String? = nil) {
            self.id = id
            self.displayName = displayName
        }
    }
}

extension JobSpec.ACLOperation {
    static func decode(_ node: Node, at: String, _ d: inout NodeDecoder) -> Self? {
        guard let access = JobSpec.AccessControl.decode(node, at, &d) else { return nil }
        var op = Self(access: access)
        if let owner = d.object(node, "owner", at), let id = d.required(owner, "id", at + "/owner") {
            op.owner = JobSpec.Owner(id: id, displayName: d.string(owner, "displayName", at + "/owner"))
        }
        return op
    }

    /// Grants need the owner; each grantee is named by the key of its type.
    func check(at: String, _ c: inout RuleContext) {
        guard case .grants(let grants) = access else { return }
        if owner == nil {
            c.error(
                "acl grants need the owner of the objects", at: at + "/grants", atKey: true,
                hint:
                    "add owner: { id: CANONICAL_USER_ID } next to grants (S3 requires the owner "
                    + "with an access control list), or use canned: instead")
        }
        SemanticRules.granteeKeys(grants, at: at, &c)
    }

    var canonicalValue: CanonicalJSON {
        guard case .object(var members) = access.canonicalValue else { return access.canonicalValue }
        if let owner {
            members["owner"] = .members([
                ("id", .string(owner.id)), ("displayName", .string(owner.displayName)),
            ])
        }
        return .object(members)
    }

    /// The `S3SetObjectAclOperation` CreateJob sends.
    public var s3Operation: S3SetObjectAclOperation {
        switch access {
        case .canned(let canned):
            return S3SetObjectAclOperation(
                accessControlPolicy: S3AccessControlPolicy(cannedAccessControlList: canned))
        case .grants(let grants):
            let list = S3AccessControlList(
                owner: S3ObjectOwner(id: owner?.id, displayName: owner?.displayName),
                grants: grants.map(\.s3Grant))
            return S3SetObjectAclOperation(
                accessControlPolicy: S3AccessControlPolicy(accessControlList: list))
        }
    }
}
