// The umbrella module: `import SwiftLearn` brings in every user-facing SwiftLearn module.
@_exported import LearnCore
@_exported import LearnData
@_exported import LearnHDF5
@_exported import LearnLinear
@_exported import LearnMetrics
@_exported import LearnNeural
@_exported import LearnPreprocessing
@_exported import LearnSelection
