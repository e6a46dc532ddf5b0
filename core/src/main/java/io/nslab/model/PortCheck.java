package io.nslab.model;

import io.nslab.probe.PortOutcome;
import io.nslab.probe.PortProtocol;

/** What makes a check a port check ({@code tcp: ns1 -> ns2:80}): the protocol, the port and the outcome expected. */
public record PortCheck(PortProtocol protocol, int port, PortOutcome expect) {
}
