package io.onekey.dispatcher.care;

/**
 * Hears every saved change of a service request, after the save: providers learn of their
 * offers, operators and supervisors of late and unassigned requests, families of completions.
 * A listener returns quickly and never fails the change.
 */
@FunctionalInterface
public interface CareListener {

    /** @param before null for a request just filed */
    void changed(CareRequest before, CareRequest after);
}
