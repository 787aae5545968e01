import BopsAWSModel
import BopsJobs
import BopsLocalEngine
import BopsPrimitives
import FoundationEssentials
import HTTPTypes
import Hummingbird
import NIOCore
import Synchronization

/// The request context: Hummingbird's core context plus the connection, so a fault can drop it.
struct EmulatorContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }
}

/// Thrown after a connection was closed on purpose; no answer follows.
struct DroppedConnection: Error {}

/// Serves every request: request id, injected faults, signature check, then S3 Control (paths
/// under `/v20180820/`), KMS (`POST /` with a `TrentService.` target, ``KMSAPI``), IAM (`POST /` with a
/// query-protocol form, ``IAMAPI``) or S3.
struct EmulatorResponder: HTTPResponder {
    typealias Context = EmulatorContext

    let control: ControlAPI
    let iam: IAMAPI
    let kms: KMSAPI
    let s3: S3API
    /// Access key id -> account (``EmulatorServer/Configuration/accounts``).
    let accounts: [String: String]
    let verifier: SignatureVerifier?
    let faults: FaultInjector
    let maxBodySize: Int
    let counters: EmulatorCounters

    func respond(to request: Request, context: EmulatorContext) async throws -> Response {
        let requestId = RequestIds.next()
        let hostId = RequestIds.hostId(requestId)
        let target = request.head.path ?? "/"
        let isControl = target.hasPrefix("/v20180820/") || target == "/v20180820"
        let isKMS = KMSAPI.accepts(
            method: request.method.rawValue, target: target,
            headers: request.headers.map { ($0.name.canonicalName, $0.value) })
        let isIAM =
            !isKMS
            && IAMAPI.accepts(
                method: request.method.rawValue, target: target,
                headers: request.headers.map { ($0.name.canonicalName, $0.value) })
        let style: AWSErrors.BodyStyle = isControl || isIAM ? .s3Control : .s3
        var answer: Answer
        do {
            if faults.plan.latency > .zero { try await Task.sleep(for: faults.plan.latency) }
            let aimed = faults.plan.pathContains.map { target.contains($0) } ?? true
            let fault = aimed ? faults.draw() : nil
            if let fault, fault != .dropAfterActing {
                counters.count(fault: fault)
                if fault == .dropConnection {
                    context.channel.close(promise: nil)
                    throw DroppedConnection()
                }
                throw Self.error(for: fault, control: isControl)
            }
            let body: ByteBuffer
            do {
                var request = request
                body = try await request.collectBody(upTo: maxBodySize)
            } catch {
                throw APIError(
                    400, "EntityTooLarge",
                    "Your proposed upload exceeds the maximum allowed size (\(maxBodySize) bytes)")
            }
            var headers: [(name: String, value: String)] = []
            if let authority = request.head.authority { headers.append(("host", authority)) }
            for field in request.headers { headers.append((field.name.canonicalName, field.value)) }
            var incoming = IncomingRequest(
                method: request.method.rawValue, target: target, headers: headers,
                body: Array(buffer: body))
            incoming.account =
                SignatureVerifier.accessKeyId(of: incoming).flatMap { accounts[$0] }
                ?? EmulatorServer.Configuration.defaultAccount
            try verifier?.verify(incoming, now: Date())
            try SignatureVerifier.checkPayloadHash(incoming)
            if isKMS {
                answer = kms.handle(incoming, requestId: requestId)
            } else if isIAM, STSRequests.isGetCallerIdentity(incoming.parts) {
                answer = STSAPI.getCallerIdentity(incoming, requestId: requestId)
            } else if isIAM {
                answer = iam.handle(incoming, requestId: requestId)
            } else {
                answer = isControl ? try await control.handle(incoming) : try await s3.handle(incoming)
            }
            if fault == .dropAfterActing {
                counters.count(fault: .dropAfterActing)
                context.channel.close(promise: nil)
                throw DroppedConnection()
            }
            counters.count(status: answer.status)
        } catch let error as APIError {
            answer = error.answer(style: style, requestId: requestId, hostId: hostId)
            counters.count(status: error.status)
        } catch let error as EngineError {
            answer = APIError(error).answer(style: style, requestId: requestId, hostId: hostId)
            counters.count(status: answer.status)
        } catch is DroppedConnection {
            throw DroppedConnection()
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            let code = isControl ? EngineError.internalServiceException : "InternalError"
            answer = APIError(500, code, "We encountered an internal error: \(error)")
                .answer(style: style, requestId: requestId, hostId: hostId)
            counters.count(status: 500)
        }
        return Self.response(answer, requestId: requestId, hostId: hostId, isHead: request.method == .head)
    }

    static func error(for fault: FaultInjection.Kind, control: Bool) -> APIError {
        switch fault {
        case .internalError:
            APIError(
                500, control ? EngineError.internalServiceException : "InternalError",
                "We encountered an internal error. Please try again.")
        case .slowDown:
            APIError(503, "SlowDown", "Please reduce your request rate.")
        case .conflict:
            APIError(
                409, ConditionalWrites.conditionalRequestConflict,
                "A conflicting conditional operation is currently in progress against this resource. Please try again."
            )
        case .throttling, .dropConnection, .dropAfterActing:
            APIError(429, EngineError.tooManyRequestsException, "Too many requests; slow down and retry.")
        }
    }

    static func response(_ answer: Answer, requestId: String, hostId: String, isHead: Bool) -> Response {
        var fields = HTTPFields()
        for (name, value) in answer.headers {
            guard let fieldName = HTTPField.Name(name) else { continue }
            fields.append(HTTPField(name: fieldName, value: value))
        }
        if let name = HTTPField.Name("x-amz-request-id") { fields[name] = requestId }
        if let name = HTTPField.Name("x-amz-id-2") { fields[name] = hostId }
        if isHead {
            // HEAD announces the length of the body GET would send, without sending one.
            let length = answer.announcedLength ?? answer.body.count
            return Response(
                status: HTTPResponse.Status(code: answer.status), headers: fields,
                body: ResponseBody(contentLength: length) { writer in try await writer.finish(nil) })
        }
        if let zeros = answer.zeroBodyLength {
            return Response(
                status: HTTPResponse.Status(code: answer.status), headers: fields, body: zeroBody(zeros))
        }
        return Response(
            status: HTTPResponse.Status(code: answer.status), headers: fields,
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: answer.body)))
    }

    /// `count` zero bytes written 1 MiB at a time, never held whole.
    static func zeroBody(_ count: Int64) -> ResponseBody {
        ResponseBody(contentLength: Int(count)) { writer in
            let chunk = ByteBuffer(repeating: 0, count: 1 << 20)
            var left = count
            while left > 0 {
                let n = Int(min(left, Int64(chunk.readableBytes)))
                try await writer.write(chunk.getSlice(at: 0, length: n) ?? chunk)
                left -= Int64(n)
            }
            try await writer.finish(nil)
        }
    }
}

/// Request ids: 16 uppercase hex digits, as S3 answers in `x-amz-request-id`.
enum RequestIds {
    static func next() -> String {
        String(UInt64.random(in: 0...UInt64.max), radix: 16, uppercase: true).leftPadded(to: 16)
    }

    static func hostId(_ requestId: String) -> String {
        Data((requestId + "/emulator").utf8).base64EncodedString()
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}

/// What the server answered, by status and by injected fault (for tests and the CLI's summary).
public final class EmulatorCounters: Sendable {
    private let statuses = Mutex<[Int: Int]>([:])
    private let faults = Mutex<[FaultInjection.Kind: Int]>([:])

    init() {}

    func count(status: Int) { statuses.withLock { $0[status, default: 0] += 1 } }
    func count(fault: FaultInjection.Kind) { faults.withLock { $0[fault, default: 0] += 1 } }

    /// Answers sent so far, by HTTP status (injected faults included).
    public var byStatus: [Int: Int] { statuses.withLock { $0 } }
    /// Faults injected so far, by kind.
    public var byFault: [FaultInjection.Kind: Int] { faults.withLock { $0 } }
}
