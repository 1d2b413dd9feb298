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
    public static func json(version: String) -> String {
        let data = try! JSONSerialization.data(withJSONObject: document(version: version), options: [.sortedKeys, .prettyPrinted])
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    static func schema(_ kind: APIParameter.Kind) -> [String: Any] {
        switch kind {
        case .date: ["type": "string", "format": "date", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"]
        case .integer: ["type": "integer"]
        case .number: ["type": "number"]
        case .string: ["type": "string"]
        case .boolean: ["type": "boolean"]
        case .choice(let values): ["type": "string", "enum": values]
        case .dates: ["type": "string", "description": "comma-separated dates YYYY-MM-DD"]
        case .list: ["type": "string", "description": "comma-separated values"]
        }
    }

    static var errorResponse: [String: Any] { ["$ref": "#/components/responses/Error"] }

    static func document(version: String) -> [String: Any] {
        var paths: [String: Any] = [:]
        for e in APICatalogue.endpoints {
            var parameters: [[String: Any]] = e.parameters.map { p in
                var s = schema(p.kind)
                if let d = p.defaultValue { s["default"] = typedDefault(d, p.kind) }
                return ["name": p.name, "in": "query", "required": p.required, "description": p.summary, "schema": s]
            }
            if let path = e.pathParameter {
                parameters.insert(["name": "id", "in": "path", "required": true, "description": path, "schema": ["type": "string"]], at: 0)
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
                        "schema": schema(.date),
                    ] as [String: Any]
                ],
                "responses": [
                    "200": ["description": "HTML.", "content": ["text/html": ["schema": ["type": "string"]]]], "400": errorResponse,
                ],
            ] as [String: Any]
        ]
    }

    static func typedDefault(_ text: String, _ kind: APIParameter.Kind) -> Any {
        switch kind {
        case .integer: Int(text) ?? text
        case .number: Double(text) ?? text
        case .boolean: text == "true"
        default: text
        }
    }
}
