import Templating
import Testing

/// `ByteOutput` holds what the same appends make of an array, through growth from any
/// starting capacity and `take`.
@Suite struct ByteOutputTests {
    @Test(arguments: [0, 1, 63, 64, 1000])
    func holdsWhatAnArrayWouldHold(capacity: Int) {
        var random = SystemRandomNumberGenerator()
        var output = ByteOutput(capacity: capacity)
        var expected: [UInt8] = []
        for step in 0..<4_000 {
            switch Int.random(in: 0..<10, using: &random) {
            case 0..<4:
                let byte = UInt8.random(in: 0...255, using: &random)
                output.append(byte)
                expected.append(byte)
            case 4..<7:
                // Runs from empty to several times the starting capacity.
                let run = (0..<Int.random(in: 0...300, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
                run.withUnsafeBufferPointer { output.append($0) }
                expected += run
            case 7:
                let text = ["", "é", "Душанбе", "\"quoted\" & <tagged>", String(repeating: "x", count: 129)].randomElement(using: &random)!
                output.append(text)
                expected += Array(text.utf8)
            case 8:
                output.append(" : " as StaticString)
                expected += Array(" : ".utf8)
            default:
                if step % 7 == 0 {
                    #expect(output.take() == expected)
                    expected = []
                }
            }
            #expect(output.count == expected.count)
        }
        #expect(output.bytes == expected)
        #expect(output.withBytes { Array($0) } == expected)
        #expect(output.take() == expected)
        #expect(output.isEmpty && output.bytes.isEmpty)
    }
}
