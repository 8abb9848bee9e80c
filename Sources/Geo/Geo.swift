// The Geo module: where geography becomes geometry.
//
// - Projection (PROJ): lon/lat to map metres, one transform per worker.
// - Geodesic distances (PROJ's geodesic on WGS84) for honest scale bars.
// - GeoJSON reading and writing, the basemap (Natural Earth) of a theatre.
// - Territory (GEOS): zones of control and the front line derived from places.
//
// C handles (PJ_CONTEXT, PJ, GEOS context and geometries) never leave this
// module: each lives in one owner class that frees it in deinit.
