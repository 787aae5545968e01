import BopsDiagnostics
import BopsJobs
import FoundationEssentials

extension LocalCommand.PutBucketConfig {
    /// The AWS CLI's `--inventory-configuration` JSON (`{"Id", "IsEnabled", "IncludedObjectVersions",
    /// "Destination": {"S3BucketDestination": {"Bucket", "Format", "Prefix", "AccountId"}},
    /// "Schedule": {"Frequency"}, "Filter": {"Prefix"}, "OptionalFields": [...]}`).
    struct InventoryJSON: Decodable {
        struct Destination: Decodable {
            struct Bucket: Decodable {
                var Bucket: String
                var Format: String
                var Prefix: String?
                var AccountId: String?
            }
            var S3BucketDestination: Bucket
        }
        struct Schedule: Decodable { var Frequency: String }
        struct Filter: Decodable { var Prefix: String? }
        var Id: String
        var IsEnabled: Bool
        var IncludedObjectVersions: String
        var Destination: Destination
        var Schedule: Schedule
        var Filter: Filter?
        var OptionalFields: [String]?
    }

    static let inventoryExample =
        #"{"Id": "daily", "IsEnabled": true, "IncludedObjectVersions": "All", "Destination": "#
        + #"{"S3BucketDestination": {"Bucket": "arn:aws:s3:::inventory", "Format": "CSV", "Prefix": "inventory"}}, "#
        + #""Schedule": {"Frequency": "Daily"}}"#

    /// The configuration in `text`, or a failure naming `file`.
    static func inventoryConfiguration(
        _ text: String, file: String, _ session: CommandSession
    ) -> InventoryConfiguration {
        func fail(_ what: String) -> Never {
            session.fail(
                Diagnostics([
                    Diagnostic(
                        .error, "not an inventory configuration: \(what)", hint: inventoryExample,
                        subject: file)
                ]))
        }
        let json: InventoryJSON
        do {
            json = try JSONDecoder().decode(InventoryJSON.self, from: Data(text.utf8))
        } catch let DecodingError.keyNotFound(key, _) {
            fail("\(key.stringValue) is missing")
        } catch let DecodingError.typeMismatch(_, context) {
            fail("\(context.codingPath.map(\.stringValue).joined(separator: ".")) has the wrong type")
        } catch {
            fail("it is not a JSON object of that shape")
        }
        guard let versions = InventoryConfiguration.IncludedVersions(rawValue: json.IncludedObjectVersions)
        else {
            fail("IncludedObjectVersions is \(json.IncludedObjectVersions), not All or Current")
        }
        let destination = json.Destination.S3BucketDestination
        return InventoryConfiguration(
            id: json.Id, enabled: json.IsEnabled, includedObjectVersions: versions,
            destinationBucket: destination.Bucket, destinationPrefix: destination.Prefix,
            destinationAccount: destination.AccountId, format: destination.Format,
            frequency: json.Schedule.Frequency, prefix: json.Filter?.Prefix,
            optionalFields: json.OptionalFields ?? [])
    }
}
