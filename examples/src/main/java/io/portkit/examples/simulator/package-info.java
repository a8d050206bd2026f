/**
 * The simulated provisioning run: a seeded {@link io.portkit.examples.simulator.SimulationPlan} of
 * logs, a status label, links and a final summary, played by a {@link
 * io.portkit.examples.simulator.Simulator} against a {@link
 * io.portkit.examples.simulator.SimulationListener}.
 *
 * <p>Nothing here knows about Port: a handler maps the listener calls onto a run's reporter.
 */
@NullMarked
package io.portkit.examples.simulator;

import org.jspecify.annotations.NullMarked;
