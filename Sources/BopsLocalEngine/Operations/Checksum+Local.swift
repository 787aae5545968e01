import BopsJobs

extension S3ComputeObjectChecksumOperation: LocalOperation {
    func validate() throws {
        guard let algorithm = checksumAlgorithm else {
            throw OperationValidation.bad("S3ComputeObjectChecksum.ChecksumAlgorithm is required")
        }
        guard let type = checksumType else {
            throw OperationValidation.bad(
                "S3ComputeObjectChecksum.ChecksumType is required (FULL_OBJECT or COMPOSITE)")
        }
        if algorithm == .crc64nvme && type == .composite {
            throw OperationValidation.bad(
                "S3ComputeObjectChecksum: CRC64NVME supports only the FULL_OBJECT checksum type")
        }
    }

    func executor(_ c: TaskContext) -> (any TaskExecutor)? {
        guard let algorithm = checksumAlgorithm else { return nil }
        return ChecksumExecutor(store: c.store, algorithm: algorithm, type: checksumType ?? .fullObject)
    }
}
