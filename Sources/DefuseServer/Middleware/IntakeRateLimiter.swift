// Limits public complaints per client address with a token bucket, so one sender cannot flood the desk.
import DefuseCore
import Foundation
import Vapor

actor IntakeRateLimiter {
    private struct Bucket {
        var tokens: Double
        var updated: Date
    }

    /// Complaints per minute per address; 0 means no limit.
    let perMinute: Int
    private var buckets: [String: Bucket] = [:]

    init(perMinute: Int) {
        self.perMinute = perMinute
    }

    /// Takes one complaint from `address`'s allowance, or says how many seconds to wait.
    func admit(_ address: String, now: Date = Date()) -> Int? {
        guard perMinute > 0 else { return nil }
        let capacity = Double(perMinute)
        let refillPerSecond = capacity / 60
        var bucket = buckets[address] ?? Bucket(tokens: capacity, updated: now)
        bucket.tokens = min(capacity, bucket.tokens + now.timeIntervalSince(bucket.updated) * refillPerSecond)
        bucket.updated = now
        defer {
            buckets[address] = bucket
            if buckets.count > 50_000 { forgetFullBuckets(now: now) }
        }
        if bucket.tokens >= 1 {
            bucket.tokens -= 1
            return nil
        }
        return max(1, Int(((1 - bucket.tokens) / refillPerSecond).rounded(.up)))
    }

    /// Addresses idle long enough to have a full allowance again need no memory.
    private func forgetFullBuckets(now: Date) {
        let refill = 60.0
        buckets = buckets.filter { now.timeIntervalSince($0.value.updated) < refill }
    }
}

struct IntakeRateLimiterKey: StorageKey {
    typealias Value = IntakeRateLimiter
}

extension Request {
    var intakeRateLimiter: IntakeRateLimiter {
        application.storage[IntakeRateLimiterKey.self] ?? IntakeRateLimiter(perMinute: 0)
    }
}
