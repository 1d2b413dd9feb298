// RiskflowRuntime — what the command line and the server share between the pure jobs
// and their edges: running a job against a store as of a day (`RiskflowStore.run`,
// `inputs(of:asOf:)`), where heavy jobs execute (`JobExecutor`: `LocalExecutor` on this
// machine's cores, `QueuedExecutor` on the PostgreSQL work queue), the alert engine
// (rules, transitions, the outbox, webhook delivery; no HTTP serving) and today's day.
// Only `riskflow serve` goes further, into `RiskflowServer`.
