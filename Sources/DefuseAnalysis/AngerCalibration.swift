// How anger cues become a score and the score a level: fitted on the development corpus (`analysis-eval tune`).

public struct AngerCalibration: Sendable, Equatable {
    /// Score from which a message reads as frustrated (1), angry (2), hostile (3).
    public var frustrated: Float
    public var angry: Float
    public var hostile: Float
    /// Each next-strongest anger cue counts this much of the one before.
    public var decay: Float
    /// What a finding adds by itself: people who report danger or threaten to go public or legal are upset even
    /// when their words are calm.
    public var safety: Float
    public var legal: Float
    public var `public`: Float
    public var churn: Float
    /// Per demand, up to three.
    public var demand: Float
    /// Per praise cue (up to two), when there is little anger.
    public var praise: Float

    public static let standard = AngerCalibration(
        frustrated: 0.4, angry: 1.8, hostile: 5.0, decay: 0.5, safety: 1.0, legal: 1.0, public: 1.5, churn: 0.5,
        demand: 0.3, praise: 0.8)

    public init(frustrated: Float, angry: Float, hostile: Float, decay: Float, safety: Float, legal: Float,
                public: Float, churn: Float, demand: Float, praise: Float) {
        self.frustrated = frustrated
        self.angry = angry
        self.hostile = hostile
        self.decay = decay
        self.safety = safety
        self.legal = legal
        self.public = `public`
        self.churn = churn
        self.demand = demand
        self.praise = praise
    }
}
