package hudson.model;

public abstract class Actionable {
}
