package hudson.model;

public interface Item {
    String getFullName();
}
