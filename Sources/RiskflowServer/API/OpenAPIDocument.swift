import Foundation

/// The OpenAPI 3.1 description of every route, built from ``APICatalogue`` (so the
/// document lists exactly the parameters the server accepts) plus the pages and the
/// operational routes.
public enum OpenAPIDocument {
    /// Every route the server answers, as documented (`/`, `/report.html`, `/health`, …).
    public static var routes: [String] {
        ["/", "/report.html", "/health", "/metrics", "/openapi.json"] + APICatalogue.endpoints.map(\.path)
    }

    /// The document as JSON text (sorted keys, so it is byte-stable).
    /// - Throws: what `JSONSerialization` throws for a value JSON cannot hold (the document
    ///   is built from literals, so only a programming error reaches it; the server then
    ///   refuses to start instead of trapping).
    public static func json(version: String) throws -> String {
        let data = try JSONSerialization.data(withJSONObject: document(version: version), options: [.sortedKeys, .prettyPrinted])
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// The JSON Schema of a parameter: exactly the checks ``QueryParameters/validate(_:)``
    /// makes (type, range, pattern, non-empty, enumeration), so a value the document admits
    /// is never refused with 400 and a value it refuses is.
    static func schema(_ p: APIParameter) -> [String: Any] {
        var s: [String: Any]
        switch p.kind {
        case .date: s = ["type": "string", "format": "date"]
        case .integer: s = ["type": "integer"]
        case .unsigned: s = ["type": "integer", "minimum": 0, "maximum": NSNumber(value: UInt64.max)]
        case .number: s = ["type": "number"]
        case .string, .dates, .list: s = ["type": "string", "minLength": 1]
        case .boolean: s = ["type": "boolean"]
        case .choice(let values): s = ["type": "string", "enum": values]
        }
        if let pattern = p.pattern { s["pattern"] = pattern }
        if let r = p.range {
            switch p.kind {
            case .integer, .unsigned:
                if let ir = p.intRange { s["minimum"] = ir.lowerBound; s["maximum"] = ir.upperBound }
            default:
                s[p.excludesLowerBound ? "exclusiveMinimum" : "minimum"] = r.lowerBound
                s["maximum"] = r.upperBound
            }
        }
        return s
    }

    static var errorResponse: [String: Any] { ["$ref": "#/components/responses/Error"] }

    static func document(version: String) -> [String: Any] {
        var paths: [String: Any] = [:]
        for e in APICatalogue.endpoints {
            var parameters: [[String: Any]] = e.parameters.map { p in
                var s = schema(p)
                if let d = p.defaultValue { s["default"] = typedDefault(d, p.kind) }
                if let e = p.example ?? p.defaultValue { s["examples"] = [typedDefault(e, p.kind)] }
                return ["name": p.name, "in": "query", "required": p.required, "description": p.summary, "schema": s]
            }
            if let path = e.pathParameter {
                parameters.insert(
                    [
                        "name": "id", "in": "path", "required": true, "description": path,
                        "schema": ["type": "string", "minLength": 1, "examples": ["RUT"]],
                    ], at: 0)
            }
            let operationID = e.path.dropFirst("/api/v1/".count).replacingOccurrences(of: "/{id}", with: "_one")
            paths[e.path] = [
                "get": [
                    "operationId": operationID,
                    "summary": e.summary,
                    "description": "Returns exactly what `\(e.command)` prints (parsed-JSON equal). Computed once per parameters and data version.",
                    "parameters": parameters,
                    "responses": [
                        "200": ["description": "The result.", "content": ["application/json": ["schema": ["type": e.shape]]]],
                        "400": errorResponse, "404": errorResponse, "422": errorResponse, "503": errorResponse,
                    ],
                ] as [String: Any]
            ]
        }
        paths["/"] = page("dashboard", "The live dashboard: the report's views, the scorecard, signals and each series' freshness (no scripts).")
        paths["/report.html"] = page("reportHTML", "The full self-contained HTML report as of the store's latest day.")
        paths["/health"] = [
            "get": [
                "operationId": "health", "summary": "Whether the store can be read, with its last data day.",
                "responses": [
                    "200": ["description": "The store is readable.", "content": ["application/json": ["schema": healthSchema]]],
                    "503": ["description": "The store cannot be read.", "content": ["application/json": ["schema": healthSchema]]],
                ],
            ] as [String: Any]
        ]
        paths["/metrics"] = [
            "get": [
                "operationId": "metrics",
                "summary": "Prometheus metrics: requests and latency by route and status, last sync per provider, alert deliveries by outcome.",
                "responses": ["200": ["description": "Prometheus text format 0.0.4.", "content": ["text/plain": ["schema": ["type": "string"]]]]],
            ] as [String: Any]
        ]
        paths["/openapi.json"] = [
            "get": [
                "operationId": "openapi", "summary": "This document.",
                "responses": ["200": ["description": "OpenAPI 3.1.", "content": ["application/json": ["schema": ["type": "object"]]]]],
            ] as [String: Any]
        ]
        return [
            "openapi": "3.1.0",
            "info": [
                "title": "riskflow", "version": version,
                "description": "The riskflow monitor and research API. Read-only; every endpoint takes as_of=YYYY-MM-DD (point in time: only data published by that day).",
            ],
            "servers": [["url": "/"]],
            "paths": paths,
            "components": [
                "schemas": [
                    "Error": [
                        "type": "object", "required": ["error", "code"],
                        "properties": [
                            "error": ["type": "string", "description": "What was wrong, naming the parameter or symbol."],
                            "code": ["type": "string"],
                            "parameter": ["type": ["string", "null"], "description": "The query parameter at fault."],
                        ],
                    ] as [String: Any]
                ],
                "responses": [
                    "Error": [
                        "description": "An error naming what was wrong.",
                        "content": ["application/json": ["schema": ["$ref": "#/components/schemas/Error"]]],
                    ]
                ],
            ] as [String: Any],
        ]
    }

    static var healthSchema: [String: Any] {
        [
        "type": "object", "required": ["status"],
        "properties": [
            "status": ["type": "string", "enum": ["ok", "unavailable"]],
            "last_data_day": ["type": ["string", "null"], "format": "date"],
            "checked_at": ["type": "string", "format": "date-time"],
            "error": ["type": "string"],
        ],
        ]
    }

    static func page(_ id: String, _ summary: String) -> [String: Any] {
        [
            "get": [
                "operationId": id, "summary": summary,
                "parameters": [
                    [
                        "name": "as_of", "in": "query", "required": false, "description": "Show the picture as known on this day.",
                        "schema": schema(APIParameter.asOf),
                    ] as [String: Any]
                ],
                "responses": [
                    "200": ["description": "HTML.", "content": ["text/html": ["schema": ["type": "string"]]]], "400": errorResponse,
                    "422": errorResponse, "503": errorResponse,
                ],
            ] as [String: Any]
        ]
    }

    static func typedDefault(_ text: String, _ kind: APIParameter.Kind) -> Any {
        switch kind {
        case .integer, .unsigned: Int(text) ?? text
        case .number: Double(text) ?? text
        case .boolean: text == "true"
        default: text
        }
    }
}
