// Geo: where things are on the map.
//
// - `Projection` (PROJ) turns longitude/latitude into map metres; one per worker.
// - `geodesicDistance(from:to:)` measures on the WGS84 ellipsoid (scale bars).
// - `GeoJSONReader` / `geoJSONString(features:)` read and write lon/lat GeoJSON.
// - `Basemap` loads the theatre's countries, coast and borders; `ProjectedBasemap`
//   is the same projected once per worker and reused for every frame.
//
// PROJ's C handles stay inside this module, each in one owner type
// (`ProjectionContext`, `ProjectionObject`) that frees it in `deinit`.
