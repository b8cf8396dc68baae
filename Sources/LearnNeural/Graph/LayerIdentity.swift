/// Which layer instance a value is, so that a graph can tell one layer used at two nodes (shared
/// weights) from two layers with the same settings.
///
/// Layers are values: copying a layer copies its identity, so `let shared = Dense(4)` called on two tensors
/// is one layer with one weight set, as in Keras, while `Dense(4)(a)` and `Dense(4)(b)` are two layers.
/// Identities take no part in a layer's `==` (which compares settings); `===` tells them apart.
public final class LayerIdentity: Sendable, Equatable {
    /// A new identity, distinct from every other.
    public init() {}

    /// Always `true`: layers compare by their settings, not by instance.
    public static func == (lhs: LayerIdentity, rhs: LayerIdentity) -> Bool { true }
}
