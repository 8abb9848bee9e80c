import Foundation

extension FuzzTarget {
    /// Small valid inputs to start from, so mutations land near the real
    /// format; a corpus folder adds more (`fuzz/corpus/<target>/`).
    public var seeds: [Data] {
        let texts: [String]
        switch self {
        case .tsv:
            texts = ["key\tvalue\n# comment\ntitle\tWest\r\nview.all\t9,29,20,34\n\n", "a\tb\tc\n1\t2\n3\t4\t5\t6\n"]
        case .events:
            texts = ["""
            date\tplace\tfrom\tto\taction\tsource\tnote\tstatus
            2019-04-04\tTarhuna\t\tlna\thold\ts1\t\tconfirmed
            2020-06-05\tترهونة\tlna\tgna\tcapture\tAl Jazeera 2020-06-05\tquote\tconfirmed
            2020-06\tSirte\tgna\tcontested:gna+lna\tcontest\ts\t\tclaimed
            2020-06-07\tsuq-al-khamis-a\t\tunknown\twithdraw\ts\t\tconfirmed

            """, "date\tplace\tfrom\tto\taction\tsource\tnote\n2019-04-04\twatiya\t\tgna\thold\ts\tn\n2019-04-05\tSuq al-Khamis\t\tlna\thold\ts\tambiguous\n"]
        case .factions:
            texts = ["id\tname\tname_ar\tcolor\tshort\ngna\tGovernment of National Accord\tحكومة الوفاق\t#1f3f8f\tGNA\nlna\tLNA\t\t#d98c1a\tLNA\n"]
        case .gazetteer:
            texts = ["""
            id\tname\tname_ar\talt_names\tlat\tlon\tkind\tadmin1\tsource
            tripoli\tTripoli\tطرابلس\tTarabulus|Trablous\t32.8872\t13.1913\tcity\tTripoli\tosm:node/1
            watiya\tal-Watiya airbase\tقاعدة الوطية\tWatiya\t32.4797\t11.8939\tairbase\t\tapprox. 3 km: centre of the runway

            """]
        case .geojson:
            texts = [#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"iso3":"LBY","name_en":"Libya","name_ar":"ليبيا"},"geometry":{"type":"Polygon","coordinates":[[[9,30],[25,30],[25,33],[9,33],[9,30]]]}},{"type":"Feature","properties":{"a":"LBY","b":"TUN"},"geometry":{"type":"MultiLineString","coordinates":[[[11.5,33.1],[10.2,30.2e0]]]}},{"type":"Feature","properties":null,"geometry":null}]}"#,
                     #"{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[13.19,-32.89]}}"#]
        case .geonames:
            texts = ["2210247\tTripoli\tTripoli\tTarabulus,Trablous,طرابلس\t32.88743\t13.18733\tP\tPPLC\tLY\t\t77\t\t\t\t1150989\t\t12\tAfrica/Tripoli\t2023-01-10\n2210221\tTarhūnah\tTarhunah\tTarhuna,ترهونة\t32.43502\t13.63320\tP\tPPLA\tLY\t\t33\t\t\t\t210697\t\t375\tAfrica/Tripoli\t2023-01-10\n"]
        case .acled:
            texts = ["""
            event_id_cnty,event_date,year,time_precision,event_type,sub_event_type,actor1,location,latitude,longitude,geo_precision,source,notes
            LBY1,05 June 2020,2020,1,Strategic developments,Government regains territory,Military Forces of Libya (2016-) Government of National Accord,Tarhuna,32.4350,13.6332,1,"Reuters; Libya Observer","GNA forces entered ""Tarhuna"", the LNA withdrew."
            LBY2,18 May 2020,2020,3,Battles,Non-state actor overtakes territory,Libyan National Army,Qaeda Jawiya,32.48,11.894,2,AP,"two
            lines"

            """]
        case .names:
            texts = ["Tarhuna\nترهونة\r\nSuq al-Khamis\n\nTarhouna\nSirt\n", "Tripoli\n\u{FF}x\n"]
        }
        return texts.map { Data($0.utf8) }
    }

    /// The seeds, and the files of `folder` when given.
    public func seeds(adding folder: URL?) -> [Data] {
        guard let folder, let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return seeds }
        return seeds + names.sorted().compactMap { FileManager.default.contents(atPath: folder.appendingPathComponent($0).path) }
    }
}
