import Model
import Testing

@Suite struct PartialDateTests {
    @Test(arguments: [
        ("1992-01-08", "8 January 1992", "1992-01-08", "1992-01-08"),
        ("2022-05", "May 2022", "2022-05-01", "2022-05-31"),
        ("2024-02", "February 2024", "2024-02-01", "2024-02-29"),
        ("2023-02", "February 2023", "2023-02-01", "2023-02-28"),
        ("2021", "2021", "2021-01-01", "2021-12-31"),
        ("199X", "1990s", "1990-01-01", "1999-12-31"),
        ("19XX", "1900s", "1900-01-01", "1999-12-31"),
        ("2013/2016", "2013–2016", "2013-01-01", "2016-12-31"),
        ("2022-05~", "c. May 2022", "2022-05-01", "2022-05-31"),
        ("2022-05?", "May 2022 (?)", "2022-05-01", "2022-05-31"),
        ("2021%", "c. 2021 (?)", "2021-01-01", "2021-12-31"),
        ("2021/2022-05", "2021 – May 2022", "2021-01-01", "2022-05-31"),
    ])
    func parsesDisplaysAndBounds(edtf: String, shown: String, lower: String, upper: String) throws {
        let date = try #require(PartialDate(edtf: edtf))
        #expect(date.displayText == shown)
        #expect(date.lowerBound?.description == lower)
        #expect(date.upperBound?.description == upper)
    }

    @Test func openIntervals() throws {
        let since = try #require(PartialDate(edtf: "2013/.."))
        #expect(since.displayText == "since 2013")
        #expect(since.upperBound == nil)
        let until = try #require(PartialDate(edtf: "../2016"))
        #expect(until.displayText == "until 2016")
        #expect(until.lowerBound == nil)
    }

    @Test(arguments: ["2022-13-45", "tomorrow", "2022-02-30", "2023-02-29", "22-05-01", "2022-5", "", "2016/2013", "../..", "1X9X", "2022-05-16T10:00"])
    func rejectsInvalid(_ text: String) {
        #expect(PartialDate(edtf: text) == nil)
    }

    @Test func ordersByLowerThenUpperBound() throws {
        let texts = ["2022-05-16", "2022", "2022-05", "199X", "2013/2016", "2013", "2022-05-01", "2013/.."]
        let sorted = try texts.map { try #require(PartialDate(edtf: $0)) }.sorted().map(\.edtf)
        // Same start: the narrower span (a day) sorts before the month.
        #expect(sorted == ["199X", "2013", "2013/2016", "2013/..", "2022", "2022-05-01", "2022-05", "2022-05-16"])
    }

    @Test func exactDay() throws {
        #expect(try #require(PartialDate(edtf: "2022-05-16")).isExactDay)
        #expect(try !#require(PartialDate(edtf: "2022-05-16~")).isExactDay)
        #expect(try !#require(PartialDate(edtf: "2022-05")).isExactDay)
    }
}
