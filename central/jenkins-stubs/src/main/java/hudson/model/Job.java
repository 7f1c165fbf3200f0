package hudson.model;

public abstract class Job<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT>> extends Actionable {
    protected Job(ItemGroup parent, String name) {
        throw new UnsupportedOperationException("stub");
    }

    public String getFullName() {
        throw new UnsupportedOperationException("stub");
    }
}
