/// SwiftLearn's version, written into saved models and benchmark reports.
public enum SwiftLearnVersion {
    /// The semantic version string.
    public static let string = "0.1.0"
}
