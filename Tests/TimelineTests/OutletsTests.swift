import FrontlineCore
import Testing
import Timeline

/// The map footer credits outlets, not file paths: the outlet a citation names.
@Suite struct OutletsTests {
    @Test(arguments: [
        ("Al Jazeera, 2019-04-04, https://www.aljazeera.com/news/2019/4/4/x", "Al Jazeera"),
        ("seeds/002_73432ad63599b0b3.txt (Al Jazeera, 2019-04-09)", "Al Jazeera"),
        ("France24 (Reuters), 2020-06-04, https://f24.example", "France24"),
        ("Wikipedia (ar), حملة غرب ليبيا 2019–20, https://ar.wikipedia.org/wiki/x", "Wikipedia"),
        ("AP via RT, 2019-05 (day not shown), https://www.rt.com/x", "AP via RT"),
        ("  Reuters  ", "Reuters"),
        ("", ""),
    ])
    func outletOfASource(_ source: String, _ outlet: String) {
        #expect(Outlets.outlet(of: source) == outlet)
    }
}
