// Property tests use a fixed seed unless SWITCHBOARD_FC_SEED says otherwise ("random" for a fresh one),
// so a run is reproducible and CI never fails on a draw it has not seen before.
import fc from "fast-check";

const configured = process.env.SWITCHBOARD_FC_SEED;
if (configured !== "random") fc.configureGlobal({ seed: configured ? Number(configured) : 20261126 });
