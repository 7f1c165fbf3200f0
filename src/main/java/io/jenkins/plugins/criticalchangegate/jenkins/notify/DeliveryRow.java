package io.jenkins.plugins.criticalchangegate.jenkins.notify;

import io.jenkins.plugins.criticalchangegate.notify.Delivery;

/** One delivery's outcome as the configuration page shows it (Jelly reads getters only). An immutable value. */
public final class DeliveryRow {
    private final Delivery delivery;

    DeliveryRow(Delivery delivery) {
        this.delivery = delivery;
    }

    public String getAt() {
        return delivery.at().toString();
    }

    /** {@code DELIVERED}, {@code FAILED}, {@code REFUSED}, {@code QUEUE_FULL}. */
    public String getStatus() {
        return delivery.status().name();
    }

    public String getEvent() {
        return delivery.event();
    }

    public String getSubject() {
        return delivery.subject();
    }

    /** The URL's origin only: an incoming webhook's path is its secret. */
    public String getTarget() {
        return delivery.target();
    }

    public int getAttempts() {
        return delivery.attempts();
    }

    public String getDetail() {
        return delivery.detail();
    }
}
