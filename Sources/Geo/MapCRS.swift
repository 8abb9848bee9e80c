import CProj
import FrontlineCore

/// Why a CRS cannot draw a theatre's maps, in words for the user.
public struct MapCRSError: Error, Sendable, CustomStringConvertible {
    public let description: String
}

/// What PROJ says a CRS is (`proj_get_type`, and the unit of its coordinate
/// system's first axis).
public enum CRSKind: Sendable, Hashable {
    /// Projected; `metresPerUnit` is 1 for a CRS in metres.
    case projected(unit: String, metresPerUnit: Double)
    case geographic
    /// Anything else (geocentric, vertical, engineering…), with PROJ's type.
    case other(String)
}

extension Projection {
    /// A projection fit to draw maps: PROJ accepts the CRS, PROJ says it is
    /// projected and in metres (zones reach a set number of metres, scale bars
    /// measure metres), and every box lies on the globe in it (a far-side
    /// orthographic view does not). The one check `render`, `frames`, `animate`,
    /// `state --format geojson` and `check` make of a CRS.
    /// - Parameter boxes: lon/lat boxes the maps will show, with the name to use in messages.
    /// - Throws: ``MapCRSError`` saying what is wrong; the caller knows whether
    ///   the CRS came from the user (`--crs`, bad usage) or a theatre (bad data).
    public convenience init(mapCRS crs: String, covering boxes: [(name: String, box: GeoBox)]) throws {
        do { try self.init(crs: crs) } catch let error as SystemError {
            throw MapCRSError(description: error.message)
        }
        switch kind {
        case .projected(_, let metres) where metres == 1: break
        case .projected(let unit, _):
            throw MapCRSError(description: "CRS '\(crs)' is in \(unit); give a projected CRS in metres")
        case .geographic:
            throw MapCRSError(description: "CRS '\(crs)' is in degrees (a geographic CRS); give a projected CRS in metres such as EPSG:32633 or a +proj=lcc string")
        case .other(let type):
            throw MapCRSError(description: "CRS '\(crs)' is not a projected CRS (PROJ reads it as \(type)); give one in metres such as EPSG:32633")
        }
        for (name, box) in boxes {
            let projected: PlanarBox
            do { projected = try project(box: box) } catch {
                throw MapCRSError(description: "\(name) \(box.west),\(box.south),\(box.east),\(box.north) is off the globe in CRS '\(crs)' (PROJ cannot project all of it); give a CRS centred on the theatre")
            }
            guard projected.width > 0, projected.height > 0, projected.width.isFinite, projected.height.isFinite else {
                throw MapCRSError(description: "\(name) \(box.west),\(box.south),\(box.east),\(box.north) has no area in CRS '\(crs)'")
            }
        }
    }
}

extension ProjectionObject {
    /// What PROJ says this object is, as a map CRS. A bound CRS (`+towgs84`)
    /// is judged by its source, a compound one by its horizontal part.
    func crsKind() -> CRSKind {
        var object = self
        for _ in 0..<3 {
            let type = proj_get_type(object.raw)
            switch type {
            case PJ_TYPE_BOUND_CRS:
                // proj_get_source_crs: NULL on failure.
                guard let source = proj_get_source_crs(context.raw, object.raw) else { return .other("a bound CRS") }
                object = ProjectionObject(taking: source, context: context)
                continue
            case PJ_TYPE_COMPOUND_CRS:
                // proj_crs_get_sub_crs: NULL on failure; index 0 is the horizontal CRS.
                guard let horizontal = proj_crs_get_sub_crs(context.raw, object.raw, 0) else { return .other("a compound CRS") }
                object = ProjectionObject(taking: horizontal, context: context)
                continue
            case PJ_TYPE_GEOGRAPHIC_2D_CRS, PJ_TYPE_GEOGRAPHIC_3D_CRS:
                return .geographic
            case PJ_TYPE_PROJECTED_CRS:
                // proj_crs_get_coordinate_system: NULL on failure; axis info: FALSE on failure.
                guard let cs = proj_crs_get_coordinate_system(context.raw, object.raw) else { return .other("a projected CRS without axes") }
                let system = ProjectionObject(taking: cs, context: context)
                var factor = 0.0
                var unit: UnsafePointer<CChar>? = nil
                guard proj_cs_get_axis_info(context.raw, system.raw, 0, nil, nil, nil, &factor, &unit, nil, nil) != 0 else {
                    return .other("a projected CRS without axes")
                }
                return .projected(unit: unit.map { String(cString: $0) } ?? "unknown unit", metresPerUnit: factor)
            case PJ_TYPE_GEOCENTRIC_CRS: return .other("a geocentric CRS")
            case PJ_TYPE_VERTICAL_CRS: return .other("a vertical CRS")
            case PJ_TYPE_ENGINEERING_CRS: return .other("an engineering CRS")
            default: return .other("a coordinate operation, not a CRS")
            }
        }
        return .other("a nested CRS")
    }
}
