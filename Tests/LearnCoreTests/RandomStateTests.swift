import LearnCore
import LearnTestSupport
import Testing

/// `RandomState` against numpy 2.4.6's legacy `RandomState` (`shared/spec/vectors`).
@Suite struct RandomStateTests {
    @Test func rawMersenneTwisterOutputsMatchNumPy() throws {
        let cases = try SpecVectors.load("mt19937_raw").member("cases").array()
        #expect(cases.count == 4)
        for c in cases {
            let seed = UInt32(try c.member("seed").int())
            var generator = MT19937(seed: seed)
            #expect(
                generator.key[0..<5].map(Int.init) == (try c.member("state_after_seeding_key_0_to_4").ints()),
                "seed \(seed)")
            #expect(generator.position == 624)
            let raw = (0..<1300).map { _ in Int(generator.next32()) }
            #expect(Array(raw[0..<20]) == (try c.member("first20").ints()), "seed \(seed)")
            #expect(Array(raw[620..<630]) == (try c.member("outputs_620_to_629").ints()), "seed \(seed)")
            #expect(Array(raw[1240..<1250]) == (try c.member("outputs_1240_to_1249").ints()), "seed \(seed)")
            // The file's "state_after_seeding_pos" is read after the 1300 draws: 1300 − 2·624 = 52.
            #expect(generator.position == (try c.member("state_after_seeding_pos").int()))
        }
    }

    @Test func freshCallsMatchNumPyBitForBit() throws {
        let cases = try SpecVectors.load("randomstate_primitives").member("fresh").array()
        #expect(cases.count == 2)
        for c in cases {
            let seed = UInt32(try c.member("seed").int())
            func fresh() -> RandomState { RandomState(seed: seed) }
            var r = fresh()
            #expect(try r.randomSample(count: 10) == c.member("random_sample_10_hex").hexDoubles())
            r = fresh()
            #expect(try r.standardNormal(count: 11) == c.member("standard_normal_11_hex").hexDoubles())
            r = fresh()
            #expect(try r.randint(low: 0, high: 7, count: 10) == c.member("randint_0_7_size10").ints())
            r = fresh()
            #expect(try r.randint(low: 0, high: 1 << 40, count: 5) == c.member("randint_0_2pow40_size5").ints())
            r = fresh()
            var values = Array(0..<10)
            r.shuffle(&values)
            #expect(values == (try c.member("shuffle_arange10").ints()))
            r = fresh()
            #expect(try r.permutation(17) == c.member("permutation_17").ints())
            r = fresh()
            #expect(try r.uniform(low: -10, high: 10, count: 5) == c.member("uniform_m10_10_size5_hex").hexDoubles())
            r = fresh()
            #expect(try r.normal(loc: 5, scale: 2, count: 4) == c.member("normal_5_2_size4_hex").hexDoubles())
            r = fresh()
            #expect(try [r.randint(10)] == c.member("randint_scalar_high_10").ints())
            r = fresh()
            #expect(try r.randint(low: 0, high: 1 << 32, count: 5) == c.member("randint_0_2pow32_size5").ints())
            r = fresh()
            #expect(try r.randint(low: -3, high: 4, count: 8) == c.member("randint_m3_4_size8").ints())
        }
    }

    /// One generator through every call in order: the Gaussian cache and the draw accounting.
    @Test func sequentialCallsShareOneStreamLikeNumPy() throws {
        let cases = try SpecVectors.load("randomstate_primitives").member("sequential").array()
        #expect(cases.count == 2)
        for c in cases {
            var r = RandomState(seed: UInt32(try c.member("seed").int()))
            let steps = try c.member("steps").array()
            #expect(steps.count == 14)
            for step in steps {
                let call = try step.member("call").string()
                let got: [Double]
                switch call.prefix(while: { $0 != " " }) {
                case "random_sample(10)": got = try r.randomSample(count: 10)
                case "standard_normal(11)": got = try r.standardNormal(count: 11)
                case "randint(0,":
                    let wide = call.contains("2**40")
                    got = try r.randint(low: 0, high: wide ? 1 << 40 : 7, count: wide ? 5 : 10).map(Double.init)
                case "standard_normal(3)": got = try r.standardNormal(count: 3)
                case "shuffle(arange(10))":
                    var values = Array(0..<10)
                    r.shuffle(&values)
                    got = values.map(Double.init)
                case "permutation(17)": got = try r.permutation(17).map(Double.init)
                case "uniform(-10,": got = try r.uniform(low: -10, high: 10, count: 5)
                case "normal(5.0,": got = try r.normal(loc: 5, scale: 2, count: 4)
                case "randint(5,": got = try r.randint(low: 5, high: 6, count: 3).map(Double.init)
                case "randint(3,": got = try r.randint(3, count: 0).map(Double.init)
                case "random_sample(3)": got = try r.randomSample(count: 3)
                case "choice(10,": got = try r.choice(10, size: 4).map(Double.init)
                case "standard_normal(1)": got = try r.standardNormal(count: 1)
                default:
                    Issue.record("unhandled call \(call)")
                    continue
                }
                let expected = try step["values_hex"]?.hexDoubles() ?? step.member("values").ints().map(Double.init)
                #expect(got == expected, "\(call)")
            }
        }
    }

    @Test func sampleWithoutReplacementMatchesScikitLearnOnEveryBranch() throws {
        let cases = try SpecVectors.load("sample_without_replacement").member("sample_without_replacement").array()
        #expect(cases.count == 10)
        let methods: [String: SamplingMethod] = [
            "auto": .auto, "tracking_selection": .trackingSelection, "reservoir_sampling": .reservoirSampling,
            "pool": .pool
        ]
        for c in cases {
            var r = RandomState(seed: UInt32(try c.member("random_state").int()))
            let method = try #require(methods[try c.member("method").string()])
            let got = try r.sampleWithoutReplacement(
                nPopulation: try c.member("n_population").int(), nSamples: try c.member("n_samples").int(),
                method: method)
            let python = try c.member("python").string()
            #expect(got == (try c.member("result").ints()), "\(python)")
        }
    }

    @Test func approximateModeMatchesScikitLearnAndConsumesTheSameDraws() throws {
        let cases = try SpecVectors.load("sample_without_replacement").member("approximate_mode").array()
        #expect(cases.count == 6)
        for c in cases {
            var r = RandomState(seed: UInt32(try c.member("random_state").int()))
            let got = try r.approximateMode(
                classCounts: try c.member("class_counts").ints(), nDraws: try c.member("n_draws").int())
            let python = try c.member("python").string()
            #expect(got == (try c.member("result").ints()), "\(python)")
            #expect(r.randomSample() == (try c.member("next_random_sample_after").double()), "\(python)")
        }
    }

    @Test func quickSanityNumbersFromTheSpec() throws {
        var r = RandomState(seed: 42)
        #expect(r.nextUInt32() == 1_608_637_542)
        r = RandomState(seed: 42)
        #expect(r.randomSample() == 0.3745401188473625)
        r = RandomState(seed: 42)
        #expect(try r.standardNormal(count: 2) == [0.4967141530112327, -0.13826430117118466])
        r = RandomState(seed: 42)
        #expect(try r.permutation(10) == [8, 1, 5, 0, 7, 2, 9, 4, 3, 6])
        r = RandomState(seed: 42)
        #expect(try r.randint(low: 0, high: 1 << 40, count: 2) == [441_507_790_259, 395_924_837_646])
        r = RandomState(seed: 42)
        #expect(try r.sampleWithoutReplacement(nPopulation: 10, nSamples: 5) == [8, 1, 5, 0, 7])
        #expect(MT19937(seed: 5).key[0..<3] == [5, 472_231_674, 2_253_902_500])
    }

    @Test func fullRangeIntegersAndSeedArraysWork() throws {
        var r = RandomState(seed: 1)
        let wide = try r.randint(low: Int.min, high: Int.max, count: 100)
        #expect(Set(wide).count == 100)
        #expect(wide.contains { $0 < 0 } && wide.contains { $0 > 0 })
        // init_by_array ends with key[0] = 0x80000000, differs from init_genrand, and is deterministic.
        var a = try RandomState(seedArray: [1, 2, 3])
        var b = try RandomState(seedArray: [1, 2, 3])
        #expect(a.bitGenerator.key[0] == 0x8000_0000)
        #expect(a.bitGenerator.key != MT19937(seed: 1).key)
        #expect(a.nextUInt32() == b.nextUInt32())
        // It also serves Swift's generic random APIs.
        var g = RandomState(seed: 3)
        let x = Int.random(in: 0..<10, using: &g)
        #expect((0..<10).contains(x))
    }

    @Test func badArgumentsThrowInsteadOfTrapping() throws {
        var r = RandomState(seed: 0)
        #expect(
            throws: LearnError.invalidParameter(
                name: "randomState", expected: "a seed between 0 and 2**32 - 1", got: "-1")
        ) {
            try RandomState(checkedSeed: -1)
        }
        #expect(throws: LearnError.self) { try RandomState(checkedSeed: 1 << 32) }
        #expect(throws: LearnError.emptyInput(operation: "RandomState(seedArray:)")) { try RandomState(seedArray: []) }
        #expect(
            throws: LearnError.invalidParameter(name: "high", expected: "low < high in randint (low = 3)", got: "3")
        ) {
            try r.randint(low: 3, high: 3)
        }
        #expect(throws: LearnError.self) { try r.randint(0) }
        #expect(throws: LearnError.self) { try r.normal(loc: 0, scale: -1) }
        #expect(throws: LearnError.self) { try r.uniform(low: -.infinity, high: 0) }
        #expect(throws: LearnError.self) { try r.randomSample(count: -1) }
        #expect(throws: LearnError.self) { try r.permutation(-2) }
        #expect(throws: LearnError.self) { try r.choice(3, size: 4) }
        #expect(throws: LearnError.self) { try r.sampleWithoutReplacement(nPopulation: 3, nSamples: 4) }
        #expect(throws: LearnError.self) { try r.approximateMode(classCounts: [1, 2], nDraws: 4) }
        // Zero-sized requests draw nothing.
        let before = r
        #expect(try r.randint(5, count: 0).isEmpty && r == before)
    }
}
