/// Which region the engine uses and why: `AWS_REGION` > `AWS_DEFAULT_REGION` > the profile's
/// `region` > the project's (bops.yaml or spec) > `us-east-1`.
public enum RegionResolver {
    public static func resolve(
        environment: AWSEnvironment, profile: SharedConfig?, configured: String?
    ) -> (region: String, source: String) {
        if let region = environment["AWS_REGION"] { return (region, "AWS_REGION") }
        if let region = environment["AWS_DEFAULT_REGION"] { return (region, "AWS_DEFAULT_REGION") }
        if let profile, let region = profile.region { return (region, "profile '\(profile.profileName)'") }
        if let configured, !configured.isEmpty { return (configured, "bops.yaml") }
        return ("us-east-1", "default")
    }
}
