import RiskflowCore
import RiskflowStore
import RiskflowFormats

/// Checks a fetched series before anything is written: days in order without duplicates,
/// finite values, positive prices, days that fit the series' calendar, a unit that
/// converts to the stored one. A series that fails is not written at all.
enum SyncValidation {
    /// - Throws: ``SyncError`` (`invalid`) naming the first bad row.
    static func validate(_ f: inout FetchedSeries, as meta: SeriesMetadata, context c: RequestContext) throws {
        if let unit = f.unit, unit != meta.unit {
            do { try f.convert(to: meta.unit) } catch {
                throw c.error(.invalid, "the provider's values are in \(unit.label), the stored series in \(meta.unit.label)")
            }
        }
        let vintages = f.availableAt
        for i in 0..<f.count {
            let d = f.days[i]
            if i > 0 {
                let p = f.days[i - 1]
                if let v = vintages {
                    guard (p, v[i - 1]) < (d, v[i]) else { throw c.error(.invalid, "\(d.iso) appears twice with vintage \(v[i].iso)") }
                } else {
                    guard p < d else { throw c.error(.invalid, p == d ? "\(d.iso) appears twice" : "rows out of order at \(d.iso)") }
                }
            }
            guard f.close[i].isFinite else { throw c.error(.invalid, "the value on \(d.iso) is not finite") }
            if meta.kind.isPrice {
                for (name, x) in [("close", f.close[i]), ("open", f.open[i]), ("high", f.high[i]), ("low", f.low[i])]
                where !(x.isNaN || x > 0) {
                    throw c.error(.invalid, "\(name) \(x) on \(d.iso) is not a positive price")
                }
            }
            switch meta.calendar {
            case .nyse where d.isWeekend:
                throw c.error(.invalid, "\(d.iso) is a \(d.weekday) but \(meta.id) is on the NYSE calendar")
            case .monthly where d.startOfMonth != d:
                throw c.error(.invalid, "\(d.iso) is not the first of a month but \(meta.id) is monthly")
            case .weekly where f.days[0].weekday != d.weekday:
                throw c.error(.invalid, "\(d.iso) is not on the same weekday as \(f.days[0].iso) but \(meta.id) is weekly")
            default: break
            }
        }
    }
}
