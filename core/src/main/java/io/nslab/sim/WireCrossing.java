package io.nslab.sim;

import io.nslab.model.IfName;
import io.nslab.model.MacAddress;
import io.nslab.model.NamespaceRef;

/**
 * One frame crossing one device: the device ({@code netns}, {@code dev}, its MAC), which way ({@code outgoing}: the
 * device sent it), when (seconds of simulated time since the probe began) and the frame.
 */
public record WireCrossing(NamespaceRef netns, IfName dev, MacAddress devMac, boolean outgoing, double seconds, WireFrame frame) {
}
