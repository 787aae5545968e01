import BopsJobs

extension S3SetObjectAclOperation: OperationSummarizing {
    func summary(_ objects: SummaryObjects) -> String {
        if let canned = accessControlPolicy?.cannedAccessControlList {
            return "Set canned ACL \(canned.rawValue) on \(objects.them)"
        }
        let grants = accessControlPolicy?.accessControlList?.grants ?? []
        let owner = accessControlPolicy?.accessControlList?.owner.id.map { ", owner \($0)" } ?? ""
        let list = grants.map { g in
            let who = g.grantee.map { "\($0.typeIdentifier?.rawValue ?? "?") \($0.identifier ?? "?")" } ?? "?"
            return "\(g.permission?.rawValue ?? "?") to \(who)"
        }
        let count = "\(grants.count) grant\(grants.count == 1 ? "" : "s")"
        return "Replace the ACL of \(objects.them) with \(count)"
            + (list.isEmpty ? "" : ": " + list.joined(separator: ", "))
            + owner
    }
}
