// How urgent a new complaint is, from what the analyzer read in it.
import DefuseAnalysis

public enum Triage {
    /// Safety first; then abuse, legal or public pressure and anger; everything else is normal.
    public static func priority(for analysis: MessageAnalysis) -> Priority {
        if analysis.threat { return .urgent }
        if analysis.abuse || analysis.legal || analysis.public || analysis.anger >= 3 { return .high }
        return .normal
    }

    /// The language to answer in when the text itself tells us, or nil when it is too short or unclear to say.
    public static func language(of analysis: MessageAnalysis) -> String? {
        analysis.language != "und" && analysis.languageConfidence >= 0.5 ? analysis.language : nil
    }
}
