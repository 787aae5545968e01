/// AWS answers in the exact shapes of the models (`s3control/2018-08-20`, `s3/2006-03-01`,
/// `sts/2011-06-15`), written as the services write them (declaration, namespace, indentation).
enum ResponseFixtures {
    static let describeJob = """
        <?xml version="1.0" encoding="UTF-8"?>
        <DescribeJobResult xmlns="http://awss3control.amazonaws.com/doc/2018-08-20/">
          <Job>
            <JobId>a1b2c3d4-5678-90ab-cdef-EXAMPLE11111</JobId>
            <ConfirmationRequired>true</ConfirmationRequired>
            <Description>Copy 2024 logs &amp; &lt;audit&gt;</Description>
            <JobArn>arn:aws:s3:us-east-1:123456789012:job/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111</JobArn>
            <Status>Failed</Status>
            <Manifest>
              <Spec>
                <Format>S3BatchOperations_CSV_20180820</Format>
                <Fields><member>Bucket</member><member>Key</member><member>VersionId</member></Fields>
              </Spec>
              <Location>
                <ObjectArn>arn:aws:s3:::staging/bops/m.csv</ObjectArn>
                <ObjectVersionId>v1</ObjectVersionId>
                <ETag>"9a0364b9e99bb480dd25e1f0284c8555"</ETag>
              </Location>
            </Manifest>
            <Operation>
              <S3PutObjectCopy>
                <TargetResource>arn:aws:s3:::archive</TargetResource>
                <CannedAccessControlList>bucket-owner-full-control</CannedAccessControlList>
                <AccessControlGrants>
                  <member>
                    <Grantee><TypeIdentifier>id</TypeIdentifier><Identifier>79a59df9</Identifier><DisplayName>ops</DisplayName></Grantee>
                    <Permission>READ</Permission>
                  </member>
                </AccessControlGrants>
                <MetadataDirective>REPLACE</MetadataDirective>
                <ModifiedSinceConstraint>2024-01-01T00:00:00Z</ModifiedSinceConstraint>
                <NewObjectMetadata>
                  <CacheControl>no-cache</CacheControl>
                  <ContentDisposition>inline</ContentDisposition>
                  <ContentEncoding>gzip</ContentEncoding>
                  <ContentLanguage>en</ContentLanguage>
                  <UserMetadata>
                    <entry><key>source</key><value>logs</value></entry>
                    <entry><key>empty</key><value></value></entry>
                  </UserMetadata>
                  <ContentLength>1024</ContentLength>
                  <ContentMD5>1B2M2Y8AsgTpgAmY7PhCfg==</ContentMD5>
                  <ContentType>text/plain</ContentType>
                  <HttpExpiresDate>2031-06-30T12:00:00.000Z</HttpExpiresDate>
                  <RequesterCharged>false</RequesterCharged>
                  <SSEAlgorithm>KMS</SSEAlgorithm>
                </NewObjectMetadata>
                <NewObjectTagging><member><Key>tier</Key><Value>cold</Value></member></NewObjectTagging>
                <RedirectLocation>/elsewhere</RedirectLocation>
                <RequesterPays>true</RequesterPays>
                <StorageClass>GLACIER_IR</StorageClass>
                <UnModifiedSinceConstraint>2025-12-31T23:59:59Z</UnModifiedSinceConstraint>
                <SSEAwsKmsKeyId>arn:aws:kms:us-east-1:123456789012:key/k</SSEAwsKmsKeyId>
                <TargetKeyPrefix>archive/</TargetKeyPrefix>
                <ObjectLockLegalHoldStatus>ON</ObjectLockLegalHoldStatus>
                <ObjectLockMode>GOVERNANCE</ObjectLockMode>
                <ObjectLockRetainUntilDate>2030-01-01T00:00:00Z</ObjectLockRetainUntilDate>
                <BucketKeyEnabled>true</BucketKeyEnabled>
                <ChecksumAlgorithm>CRC32C</ChecksumAlgorithm>
              </S3PutObjectCopy>
            </Operation>
            <Priority>10</Priority>
            <ProgressSummary>
              <TotalNumberOfTasks>1000</TotalNumberOfTasks>
              <NumberOfTasksSucceeded>990</NumberOfTasksSucceeded>
              <NumberOfTasksFailed>10</NumberOfTasksFailed>
              <Timers><ElapsedTimeInActiveSeconds>3600</ElapsedTimeInActiveSeconds></Timers>
            </ProgressSummary>
            <StatusUpdateReason>Task failure threshold exceeded</StatusUpdateReason>
            <FailureReasons>
              <member><FailureCode>TaskFailureThresholdExceeded</FailureCode><FailureReason>Too many tasks failed</FailureReason></member>
              <member><FailureCode>ManifestETagMismatch</FailureCode><FailureReason>ETag did not match</FailureReason></member>
            </FailureReasons>
            <Report>
              <Bucket>arn:aws:s3:::reports</Bucket>
              <Format>Report_CSV_20180820</Format>
              <Enabled>true</Enabled>
              <Prefix>bops</Prefix>
              <ReportScope>FailedTasksOnly</ReportScope>
              <ExpectedBucketOwner>123456789012</ExpectedBucketOwner>
            </Report>
            <CreationTime>2024-05-01T10:00:00.123Z</CreationTime>
            <TerminationDate>2024-05-01T11:00:00Z</TerminationDate>
            <RoleArn>arn:aws:iam::123456789012:role/batch-ops</RoleArn>
            <SuspendedDate>2024-05-01T10:05:00Z</SuspendedDate>
            <SuspendedCause>AwaitingConfirmation</SuspendedCause>
            <ManifestGenerator>
              <S3JobManifestGenerator>
                <ExpectedBucketOwner>123456789012</ExpectedBucketOwner>
                <SourceBucket>arn:aws:s3:::src</SourceBucket>
                <ManifestOutputLocation>
                  <ExpectedManifestBucketOwner>123456789012</ExpectedManifestBucketOwner>
                  <Bucket>arn:aws:s3:::manifests</Bucket>
                  <ManifestPrefix>generated</ManifestPrefix>
                  <ManifestEncryption><SSE-KMS><KeyId>arn:aws:kms:us-east-1:123456789012:key/out</KeyId></SSE-KMS></ManifestEncryption>
                  <ManifestFormat>S3InventoryReport_CSV_20211130</ManifestFormat>
                </ManifestOutputLocation>
                <Filter>
                  <EligibleForReplication>true</EligibleForReplication>
                  <CreatedAfter>2024-01-01T00:00:00Z</CreatedAfter>
                  <CreatedBefore>2024-12-31T00:00:00Z</CreatedBefore>
                  <ObjectReplicationStatuses><member>NONE</member><member>FAILED</member></ObjectReplicationStatuses>
                  <KeyNameConstraint>
                    <MatchAnyPrefix><member>logs/</member></MatchAnyPrefix>
                    <MatchAnySuffix><member>.gz</member></MatchAnySuffix>
                    <MatchAnySubstring><member>2024</member></MatchAnySubstring>
                  </KeyNameConstraint>
                  <ObjectSizeGreaterThanBytes>0</ObjectSizeGreaterThanBytes>
                  <ObjectSizeLessThanBytes>5000000000000</ObjectSizeLessThanBytes>
                  <MatchAnyStorageClass><member>STANDARD</member></MatchAnyStorageClass>
                  <MatchAnyObjectEncryption>
                    <ObjectEncryption><SSE-S3/></ObjectEncryption>
                    <ObjectEncryption><SSE-KMS><KmsKeyArn>arn:aws:kms:us-east-1:123456789012:key/abcd</KmsKeyArn><BucketKeyEnabled>true</BucketKeyEnabled></SSE-KMS></ObjectEncryption>
                    <ObjectEncryption><DSSE-KMS><KmsKeyArn>arn:aws:kms:us-east-1:123456789012:key/ef</KmsKeyArn></DSSE-KMS></ObjectEncryption>
                    <ObjectEncryption><SSE-C/></ObjectEncryption>
                    <ObjectEncryption><NOT-SSE/></ObjectEncryption>
                  </MatchAnyObjectEncryption>
                </Filter>
                <EnableManifestOutput>true</EnableManifestOutput>
              </S3JobManifestGenerator>
            </ManifestGenerator>
            <GeneratedManifestDescriptor>
              <Format>S3InventoryReport_CSV_20211130</Format>
              <Location>
                <ObjectArn>arn:aws:s3:::manifests/generated/job-a1b2/manifest.json</ObjectArn>
                <ETag>"abc"</ETag>
              </Location>
            </GeneratedManifestDescriptor>
          </Job>
        </DescribeJobResult>
        """

    static let listJobs = """
        <?xml version="1.0" encoding="UTF-8"?>
        <ListJobsResult xmlns="http://awss3control.amazonaws.com/doc/2018-08-20/">
          <Jobs>
            <member>
              <JobId>job-1</JobId>
              <Description>first</Description>
              <Operation>S3PutObjectCopy</Operation>
              <Priority>10</Priority>
              <Status>Complete</Status>
              <CreationTime>2024-05-01T10:00:00Z</CreationTime>
              <TerminationDate>2024-05-01T11:00:00Z</TerminationDate>
              <ProgressSummary>
                <TotalNumberOfTasks>2</TotalNumberOfTasks><NumberOfTasksSucceeded>2</NumberOfTasksSucceeded>
                <NumberOfTasksFailed>0</NumberOfTasksFailed>
                <Timers><ElapsedTimeInActiveSeconds>5</ElapsedTimeInActiveSeconds></Timers>
              </ProgressSummary>
            </member>
            <member>
              <JobId>job-2</JobId>
              <Operation>S3ReplicateObject</Operation>
              <Priority>0</Priority>
              <Status>Suspended</Status>
              <CreationTime>2024-05-02T10:00:00Z</CreationTime>
            </member>
          </Jobs>
          <NextToken>eyJuZXh0IjoyfQ==</NextToken>
        </ListJobsResult>
        """

    static let updateJobStatus = """
        <?xml version="1.0" encoding="UTF-8"?>
        <UpdateJobStatusResult><JobId>job-1</JobId><Status>Cancelling</Status>\
        <StatusUpdateReason>spec removed</StatusUpdateReason></UpdateJobStatusResult>
        """

    static let createJob = """
        <?xml version="1.0" encoding="UTF-8"?>
        <CreateJobResult xmlns="http://awss3control.amazonaws.com/doc/2018-08-20/"><JobId>job-9</JobId></CreateJobResult>
        """

    static let getJobTagging = """
        <GetJobTaggingResult xmlns="http://awss3control.amazonaws.com/doc/2018-08-20/">
          <Tags><member><Key>bops:spec</Key><Value>backfill</Value></member><member><Key>empty</Key><Value></Value></member></Tags>
        </GetJobTaggingResult>
        """

    static let listObjectsV2 = """
        <?xml version="1.0" encoding="UTF-8"?>
        <ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
          <Name>src</Name>
          <Prefix>logs%2F</Prefix>
          <KeyCount>2</KeyCount>
          <MaxKeys>2</MaxKeys>
          <EncodingType>url</EncodingType>
          <IsTruncated>true</IsTruncated>
          <NextContinuationToken>1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=</NextContinuationToken>
          <Contents>
            <Key>logs/a+b%26c.txt</Key>
            <LastModified>2024-01-01T00:00:00.000Z</LastModified>
            <ETag>&quot;9a0364b9e99bb480dd25e1f0284c8555&quot;</ETag>
            <Size>12</Size>
            <StorageClass>STANDARD</StorageClass>
          </Contents>
          <Contents>
            <Key>logs/%C3%BCml%0Aaut</Key>
            <LastModified>2024-01-02T00:00:00.000Z</LastModified>
            <ETag>"d41d8cd98f00b204e9800998ecf8427e-2"</ETag>
            <Size>0</Size>
            <StorageClass>GLACIER_IR</StorageClass>
          </Contents>
          <CommonPrefixes><Prefix>logs/sub%20dir/</Prefix></CommonPrefixes>
        </ListBucketResult>
        """

    static let replication = """
        <?xml version="1.0" encoding="UTF-8"?>
        <ReplicationConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
          <Role>arn:aws:iam::123456789012:role/replication</Role>
          <Rule>
            <ID>logs</ID>
            <Priority>2</Priority>
            <Status>Enabled</Status>
            <Filter><And><Prefix>logs/</Prefix><Tag><Key>a</Key><Value>1</Value></Tag><Tag><Key>b</Key><Value>2</Value></Tag></And></Filter>
            <Destination><Bucket>arn:aws:s3:::dst</Bucket><Account>210987654321</Account><StorageClass>STANDARD_IA</StorageClass></Destination>
            <DeleteMarkerReplication><Status>Disabled</Status></DeleteMarkerReplication>
          </Rule>
          <Rule>
            <ID>legacy</ID>
            <Status>Disabled</Status>
            <Prefix>old/</Prefix>
            <Destination><Bucket>arn:aws:s3:::dst2</Bucket></Destination>
          </Rule>
          <Rule>
            <Status>Enabled</Status>
            <Filter><Tag><Key>t</Key><Value>v</Value></Tag></Filter>
            <Destination><Bucket>arn:aws:s3:::dst3</Bucket></Destination>
            <DeleteMarkerReplication><Status>Enabled</Status></DeleteMarkerReplication>
          </Rule>
        </ReplicationConfiguration>
        """

    static let assumeRole = """
        <AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
          <AssumeRoleResult>
            <SourceIdentity>DevUser123</SourceIdentity>
            <AssumedRoleUser>
              <Arn>arn:aws:sts::123456789012:assumed-role/demo/John</Arn>
              <AssumedRoleId>ARO123EXAMPLE123:John</AssumedRoleId>
            </AssumedRoleUser>
            <Credentials>
              <AccessKeyId>ASIAIOSFODNN7EXAMPLE</AccessKeyId>
              <SecretAccessKey>wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY</SecretAccessKey>
              <SessionToken>AQoDYXdzEPT//////////wEXAMPLEtc764</SessionToken>
              <Expiration>2019-11-09T13:34:41Z</Expiration>
            </Credentials>
            <PackedPolicySize>6</PackedPolicySize>
          </AssumeRoleResult>
          <ResponseMetadata><RequestId>c6104cbe-af31-11e0-8154-cbc7ccf896c7</RequestId></ResponseMetadata>
        </AssumeRoleResponse>
        """

    static let assumeRoleWithWebIdentity = """
        <AssumeRoleWithWebIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
          <AssumeRoleWithWebIdentityResult>
            <SubjectFromWebIdentityToken>repo:org/repo:ref:refs/heads/main</SubjectFromWebIdentityToken>
            <Audience>sts.amazonaws.com</Audience>
            <AssumedRoleUser>
              <Arn>arn:aws:sts::210987654321:assumed-role/gha/bops</Arn>
              <AssumedRoleId>AROACLKWSDQRAOEXAMPLE:bops</AssumedRoleId>
            </AssumedRoleUser>
            <Credentials>
              <SessionToken>AQoDYXdzEE0a8ANXXXXXXXXNO1ewxE5TijQyp+IEXAMPLE</SessionToken>
              <SecretAccessKey>wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY</SecretAccessKey>
              <Expiration>2014-10-24T23:00:23.5Z</Expiration>
              <AccessKeyId>ASgeIAIOSFODNN7EXAMPLE</AccessKeyId>
            </Credentials>
            <Provider>www.amazon.com</Provider>
          </AssumeRoleWithWebIdentityResult>
          <ResponseMetadata><RequestId>ad4156e9-bce1-11e2-82e6-6b6efEXAMPLE</RequestId></ResponseMetadata>
        </AssumeRoleWithWebIdentityResponse>
        """

    static let getCallerIdentity = """
        <GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
          <GetCallerIdentityResult>
           <Arn>arn:aws:iam::123456789012:user/Alice</Arn>
            <UserId>AIDACKCEVSQ6C2EXAMPLE</UserId>
            <Account>123456789012</Account>
          </GetCallerIdentityResult>
          <ResponseMetadata><RequestId>01234567-89ab-cdef-0123-456789abcdef</RequestId></ResponseMetadata>
        </GetCallerIdentityResponse>
        """
}
