import BopsDiagnostics

/// The action names of the services Batch Operations roles use, as AWS's Service Authorization
/// Reference lists them ("Actions, resources, and condition keys for Amazon S3", "... for AWS Key
/// Management Service", "... for AWS Lambda", "... for AWS Identity and Access Management", "... for
/// AWS Security Token Service"), as of February 2024, with `s3:UpdateObjectEncryption` (the action of
/// the Batch Operations operation of 2025). A policy naming an action of these services that is not
/// listed gets a "did you mean" finding; actions of other services are not checked.
public enum ActionCatalog {
    static let text: [String: String] = [
        "s3": """
        AbortMultipartUpload AssociateAccessGrantsIdentityCenter BypassGovernanceRetention
        CreateAccessGrant CreateAccessGrantsInstance CreateAccessGrantsLocation CreateAccessPoint
        CreateAccessPointForObjectLambda CreateBucket CreateJob CreateMultiRegionAccessPoint
        CreateStorageLensGroup DeleteAccessGrant DeleteAccessGrantsInstance
        DeleteAccessGrantsInstanceResourcePolicy DeleteAccessGrantsLocation DeleteAccessPoint
        DeleteAccessPointForObjectLambda DeleteAccessPointPolicy DeleteAccessPointPolicyForObjectLambda
        DeleteBucket DeleteBucketPolicy DeleteBucketWebsite DeleteJobTagging
        DeleteMultiRegionAccessPoint DeleteObject DeleteObjectTagging DeleteObjectVersion
        DeleteObjectVersionTagging DeleteStorageLensConfiguration DeleteStorageLensConfigurationTagging
        DeleteStorageLensGroup DescribeJob DescribeMultiRegionAccessPointOperation
        DissociateAccessGrantsIdentityCenter GetAccelerateConfiguration GetAccessGrant
        GetAccessGrantsInstance GetAccessGrantsInstanceForPrefix GetAccessGrantsInstanceResourcePolicy
        GetAccessGrantsLocation GetAccessPoint GetAccessPointConfigurationForObjectLambda
        GetAccessPointForObjectLambda GetAccessPointPolicy GetAccessPointPolicyForObjectLambda
        GetAccessPointPolicyStatus GetAccessPointPolicyStatusForObjectLambda
        GetAccountPublicAccessBlock GetAnalyticsConfiguration GetBucketAcl GetBucketCORS
        GetBucketLocation GetBucketLogging GetBucketNotification GetBucketObjectLockConfiguration
        GetBucketOwnershipControls GetBucketPolicy GetBucketPolicyStatus GetBucketPublicAccessBlock
        GetBucketRequestPayment GetBucketTagging GetBucketVersioning GetBucketWebsite GetDataAccess
        GetEncryptionConfiguration GetIntelligentTieringConfiguration GetInventoryConfiguration
        GetJobTagging GetLifecycleConfiguration GetMetricsConfiguration GetMultiRegionAccessPoint
        GetMultiRegionAccessPointPolicy GetMultiRegionAccessPointPolicyStatus
        GetMultiRegionAccessPointRoutes GetObject GetObjectAcl GetObjectAttributes GetObjectLegalHold
        GetObjectRetention GetObjectTagging GetObjectTorrent GetObjectVersion GetObjectVersionAcl
        GetObjectVersionAttributes GetObjectVersionForReplication GetObjectVersionTagging
        GetObjectVersionTorrent GetReplicationConfiguration GetStorageLensConfiguration
        GetStorageLensConfigurationTagging GetStorageLensDashboard GetStorageLensGroup
        InitiateReplication ListAccessGrants ListAccessGrantsInstances ListAccessGrantsLocations
        ListAccessPoints ListAccessPointsForObjectLambda ListAllMyBuckets ListBucket
        ListBucketMultipartUploads ListBucketVersions ListJobs ListMultiRegionAccessPoints
        ListMultipartUploadParts ListStorageLensConfigurations ListStorageLensGroups
        ListTagsForResource ObjectOwnerOverrideToBucketOwner PutAccelerateConfiguration
        PutAccessGrantsInstanceResourcePolicy PutAccessPointConfigurationForObjectLambda
        PutAccessPointPolicy PutAccessPointPolicyForObjectLambda PutAccessPointPublicAccessBlock
        PutAccountPublicAccessBlock PutAnalyticsConfiguration PutBucketAcl PutBucketCORS
        PutBucketLogging PutBucketNotification PutBucketObjectLockConfiguration
        PutBucketOwnershipControls PutBucketPolicy PutBucketPublicAccessBlock PutBucketRequestPayment
        PutBucketTagging PutBucketVersioning PutBucketWebsite PutEncryptionConfiguration
        PutIntelligentTieringConfiguration PutInventoryConfiguration PutJobTagging
        PutLifecycleConfiguration PutMetricsConfiguration PutMultiRegionAccessPointPolicy PutObject
        PutObjectAcl PutObjectLegalHold PutObjectRetention PutObjectTagging PutObjectVersionAcl
        PutObjectVersionTagging PutReplicationConfiguration PutStorageLensConfiguration
        PutStorageLensConfigurationTagging ReplicateDelete ReplicateObject ReplicateTags RestoreObject
        SubmitMultiRegionAccessPointRoutes TagResource UntagResource UpdateAccessGrantsLocation
        UpdateJobPriority UpdateJobStatus UpdateObjectEncryption UpdateStorageLensGroup
        """,
        "kms": """
        CancelKeyDeletion ConnectCustomKeyStore CreateAlias CreateCustomKeyStore CreateGrant CreateKey
        Decrypt DeleteAlias DeleteCustomKeyStore DeleteImportedKeyMaterial DescribeCustomKeyStores
        DescribeKey DisableKey DisableKeyRotation DisconnectCustomKeyStore EnableKey EnableKeyRotation
        Encrypt GenerateDataKey GenerateDataKeyPair GenerateDataKeyPairWithoutPlaintext
        GenerateDataKeyWithoutPlaintext GenerateMac GenerateRandom GetKeyPolicy GetKeyRotationStatus
        GetParametersForImport GetPublicKey ImportKeyMaterial ListAliases ListGrants ListKeyPolicies
        ListKeys ListResourceTags ListRetirableGrants PutKeyPolicy ReEncryptFrom ReEncryptTo
        ReplicateKey RetireGrant RevokeGrant ScheduleKeyDeletion Sign SynchronizeMultiRegionKey
        TagResource UntagResource UpdateAlias UpdateCustomKeyStore UpdateKeyDescription
        UpdatePrimaryRegion Verify VerifyMac
        """,
        "lambda": """
        AddLayerVersionPermission AddPermission CreateAlias CreateCodeSigningConfig
        CreateEventSourceMapping CreateFunction CreateFunctionUrlConfig DeleteAlias
        DeleteCodeSigningConfig DeleteEventSourceMapping DeleteFunction DeleteFunctionCodeSigningConfig
        DeleteFunctionConcurrency DeleteFunctionEventInvokeConfig DeleteFunctionUrlConfig
        DeleteLayerVersion DeleteProvisionedConcurrencyConfig DisableReplication EnableReplication
        GetAccountSettings GetAlias GetCodeSigningConfig GetEventSourceMapping GetFunction
        GetFunctionCodeSigningConfig GetFunctionConcurrency GetFunctionConfiguration
        GetFunctionEventInvokeConfig GetFunctionUrlConfig GetLayerVersion GetLayerVersionPolicy
        GetPolicy GetProvisionedConcurrencyConfig GetRuntimeManagementConfig InvokeAsync InvokeFunction
        InvokeFunctionUrl ListAliases ListCodeSigningConfigs ListEventSourceMappings
        ListFunctionEventInvokeConfigs ListFunctionUrlConfigs ListFunctions
        ListFunctionsByCodeSigningConfig ListLayerVersions ListLayers ListProvisionedConcurrencyConfigs
        ListTags ListVersionsByFunction PublishLayerVersion PublishVersion PutFunctionCodeSigningConfig
        PutFunctionConcurrency PutFunctionEventInvokeConfig PutProvisionedConcurrencyConfig
        PutRuntimeManagementConfig RemoveLayerVersionPermission RemovePermission TagResource
        UntagResource UpdateAlias UpdateCodeSigningConfig UpdateEventSourceMapping UpdateFunctionCode
        UpdateFunctionCodeSigningConfig UpdateFunctionConfiguration UpdateFunctionEventInvokeConfig
        UpdateFunctionUrlConfig
        """,
        "iam": """
        AddClientIDToOpenIDConnectProvider AddRoleToInstanceProfile AddUserToGroup AttachGroupPolicy
        AttachRolePolicy AttachUserPolicy ChangePassword CreateAccessKey CreateAccountAlias CreateGroup
        CreateInstanceProfile CreateLoginProfile CreateOpenIDConnectProvider CreatePolicy
        CreatePolicyVersion CreateRole CreateSAMLProvider CreateServiceLinkedRole
        CreateServiceSpecificCredential CreateUser CreateVirtualMFADevice DeactivateMFADevice
        DeleteAccessKey DeleteAccountAlias DeleteAccountPasswordPolicy DeleteCloudFrontPublicKey
        DeleteGroup DeleteGroupPolicy DeleteInstanceProfile DeleteLoginProfile
        DeleteOpenIDConnectProvider DeletePolicy DeletePolicyVersion DeleteRole
        DeleteRolePermissionsBoundary DeleteRolePolicy DeleteSAMLProvider DeleteSSHPublicKey
        DeleteServerCertificate DeleteServiceLinkedRole DeleteServiceSpecificCredential
        DeleteSigningCertificate DeleteUser DeleteUserPermissionsBoundary DeleteUserPolicy
        DeleteVirtualMFADevice DetachGroupPolicy DetachRolePolicy DetachUserPolicy EnableMFADevice
        GenerateCredentialReport GenerateOrganizationsAccessReport GenerateServiceLastAccessedDetails
        GetAccessKeyLastUsed GetAccountAuthorizationDetails GetAccountEmailAddress GetAccountName
        GetAccountPasswordPolicy GetAccountSummary GetCloudFrontPublicKey GetContextKeysForCustomPolicy
        GetContextKeysForPrincipalPolicy GetCredentialReport GetGroup GetGroupPolicy GetInstanceProfile
        GetLoginProfile GetMFADevice GetOpenIDConnectProvider GetOrganizationsAccessReport GetPolicy
        GetPolicyVersion GetRole GetRolePolicy GetSAMLProvider GetSSHPublicKey GetServerCertificate
        GetServiceLastAccessedDetails GetServiceLastAccessedDetailsWithEntities
        GetServiceLinkedRoleDeletionStatus GetUser GetUserPolicy ListAccessKeys ListAccountAliases
        ListAttachedGroupPolicies ListAttachedRolePolicies ListAttachedUserPolicies
        ListCloudFrontPublicKeys ListEntitiesForPolicy ListGroupPolicies ListGroups ListGroupsForUser
        ListInstanceProfileTags ListInstanceProfiles ListInstanceProfilesForRole ListMFADeviceTags
        ListMFADevices ListOpenIDConnectProviderTags ListOpenIDConnectProviders ListPolicies
        ListPoliciesGrantingServiceAccess ListPolicyTags ListPolicyVersions ListRolePolicies
        ListRoleTags ListRoles ListSAMLProviderTags ListSAMLProviders ListSSHPublicKeys
        ListSTSRegionalEndpointsStatus ListServerCertificateTags ListServerCertificates
        ListServiceSpecificCredentials ListSigningCertificates ListUserPolicies ListUserTags ListUsers
        ListVirtualMFADevices PassRole PutGroupPolicy PutRolePermissionsBoundary PutRolePolicy
        PutUserPermissionsBoundary PutUserPolicy RemoveClientIDFromOpenIDConnectProvider
        RemoveRoleFromInstanceProfile RemoveUserFromGroup ResetServiceSpecificCredential
        ResyncMFADevice SetDefaultPolicyVersion SetSTSRegionalEndpointStatus
        SetSecurityTokenServicePreferences SimulateCustomPolicy SimulatePrincipalPolicy
        TagInstanceProfile TagMFADevice TagOpenIDConnectProvider TagPolicy TagRole TagSAMLProvider
        TagServerCertificate TagUser UntagInstanceProfile UntagMFADevice UntagOpenIDConnectProvider
        UntagPolicy UntagRole UntagSAMLProvider UntagServerCertificate UntagUser UpdateAccessKey
        UpdateAccountEmailAddress UpdateAccountName UpdateAccountPasswordPolicy UpdateAssumeRolePolicy
        UpdateCloudFrontPublicKey UpdateGroup UpdateLoginProfile UpdateOpenIDConnectProviderThumbprint
        UpdateRole UpdateRoleDescription UpdateSAMLProvider UpdateSSHPublicKey UpdateServerCertificate
        UpdateServiceSpecificCredential UpdateSigningCertificate UpdateUser UploadCloudFrontPublicKey
        UploadSSHPublicKey UploadServerCertificate UploadSigningCertificate
        """,
        "sts": """
        AssumeRole AssumeRoleWithSAML AssumeRoleWithWebIdentity DecodeAuthorizationMessage
        GetAccessKeyInfo GetCallerIdentity GetFederationToken GetServiceBearerToken GetSessionToken
        SetContext SetSourceIdentity TagSession
        """,
    ]

    /// Action names (without prefix) by lowercased service prefix.
    public static let actions: [String: [String]] = text.mapValues {
        $0.split(whereSeparator: \.isWhitespace).map(String.init)
    }

    private static let lowercased: [String: Set<String>] = actions.mapValues {
        Set($0.map { $0.lowercased() })
    }

    /// Whether the catalog lists the service (its actions are checked).
    public static func knows(service: String) -> Bool { actions[service.lowercased()] != nil }

    /// Whether `service:name` (or a pattern with `*` and `?`) names a real action: `true` for a
    /// service the catalog does not list. Names compare ignoring case, as IAM compares them.
    public static func exists(_ action: String) -> Bool {
        guard let (service, name) = split(action), let known = lowercased[service.lowercased()] else {
            return true
        }
        if name.contains("*") || name.contains("?") {
            return actions[service.lowercased()]!.contains { Wildcard.matches(name, $0, ignoringCase: true) }
        }
        return known.contains(name.lowercased())
    }

    /// The closest real action for a misspelt one (`s3:GetObjekt` → `s3:GetObject`).
    public static func suggestion(for action: String) -> String? {
        guard let (service, name) = split(action), let names = actions[service.lowercased()] else {
            return nil
        }
        let bare = name.replacing("*", with: "").replacing("?", with: "")
        return Suggestion.closest(to: bare, among: names).map { service.lowercased() + ":" + $0 }
    }

    static func split(_ action: String) -> (String, String)? {
        let parts = action.split(separator: ":", maxSplits: 1)
        guard parts.count == 2 else { return nil }
        return (String(parts[0]), String(parts[1]))
    }
}
