package hudson.model;

import edu.umd.cs.findbugs.annotations.CheckForNull;

import java.io.File;
import java.io.IOException;
import java.util.List;

public abstract class Run<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT>> extends Actionable
        implements Comparable<RunT> {
    /** The escape hatch that turns off the Item.READ check of {@code getTarget()} (a Script Console switch). */
    public static boolean SKIP_PERMISSION_CHECK;

    protected Run(JobT job) throws IOException {
        throw new UnsupportedOperationException("stub");
    }

    public JobT getParent() {
        throw new UnsupportedOperationException("stub");
    }

    @CheckForNull
    public RunT getPreviousBuild() {
        throw new UnsupportedOperationException("stub");
    }

    public int getNumber() {
        throw new UnsupportedOperationException("stub");
    }

    public String getFullDisplayName() {
        throw new UnsupportedOperationException("stub");
    }

    public String getUrl() {
        throw new UnsupportedOperationException("stub");
    }

    public Result getResult() {
        throw new UnsupportedOperationException("stub");
    }

    public String getLog() throws IOException {
        throw new UnsupportedOperationException("stub");
    }

    public List<Cause> getCauses() {
        throw new UnsupportedOperationException("stub");
    }

    public String getExternalizableId() {
        throw new UnsupportedOperationException("stub");
    }

    public File getRootDir() {
        throw new UnsupportedOperationException("stub");
    }

    public final synchronized jenkins.model.ArtifactManager pickArtifactManager() throws IOException {
        throw new UnsupportedOperationException("stub");
    }

    public final jenkins.model.ArtifactManager getArtifactManager() {
        throw new UnsupportedOperationException("stub");
    }

    public boolean isBuilding() {
        throw new UnsupportedOperationException("stub");
    }

    public void save() throws IOException {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public int compareTo(RunT that) {
        throw new UnsupportedOperationException("stub");
    }
}
