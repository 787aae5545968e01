import BopsJobs

/// `JobDescriptor` (DescribeJob's `Job`): `JobId` and `Status` required; `Priority` absent reads 0.
extension JobDescriptor: XMLStructure {
    static var blank: Self { Self(jobId: "", status: .new) }
    static var members: [XMLMember<Self>] {
        [
            .value("JobId", \.jobId),
            .value("ConfirmationRequired", \.confirmationRequired),
            .value("Description", \.description),
            .value("JobArn", \.jobArn),
            .value("Status", \.status),
            .shape("Manifest", \.manifest),
            .shape("Operation", \.operation),
            .value("Priority", \.priority, required: false),
            .shape("ProgressSummary", \.progressSummary),
            .value("StatusUpdateReason", \.statusUpdateReason),
            .list("FailureReasons", \.failureReasons),
            .shape("Report", \.report),
            .value("CreationTime", \.creationTime),
            .value("TerminationDate", \.terminationDate),
            .value("RoleArn", \.roleArn),
            .value("SuspendedDate", \.suspendedDate),
            .value("SuspendedCause", \.suspendedCause),
            .shape("ManifestGenerator", \.manifestGenerator),
            .shape("GeneratedManifestDescriptor", \.generatedManifestDescriptor),
        ]
    }
}

/// `JobListDescriptor` (a ListJobs row; `Operation` is the `OperationName`).
extension JobListDescriptor: XMLStructure {
    static var blank: Self { Self(jobId: "", status: .new) }
    static var members: [XMLMember<Self>] {
        [
            .value("JobId", \.jobId),
            .value("Description", \.description),
            .value("Operation", \.operation),
            .value("Priority", \.priority, required: false),
            .value("Status", \.status),
            .value("CreationTime", \.creationTime),
            .value("TerminationDate", \.terminationDate),
            .shape("ProgressSummary", \.progressSummary),
        ]
    }
}

/// `JobProgressSummary`.
extension JobProgressSummary: XMLStructure {
    static var blank: Self { Self() }
    static var members: [XMLMember<Self>] {
        [
            .value("TotalNumberOfTasks", \.totalNumberOfTasks),
            .value("NumberOfTasksSucceeded", \.numberOfTasksSucceeded),
            .value("NumberOfTasksFailed", \.numberOfTasksFailed),
            .shape("Timers", \.timers),
        ]
    }
}

/// `JobTimers`.
extension JobTimers: XMLStructure {
    static var blank: Self { Self() }
    static var members: [XMLMember<Self>] {
        [.value("ElapsedTimeInActiveSeconds", \.elapsedTimeInActiveSeconds)]
    }
}

/// `JobFailure`.
extension JobFailure: XMLStructure {
    static var blank: Self { Self(failureCode: nil, failureReason: nil) }
    static var members: [XMLMember<Self>] {
        [.value("FailureCode", \.failureCode), .value("FailureReason", \.failureReason)]
    }
}
