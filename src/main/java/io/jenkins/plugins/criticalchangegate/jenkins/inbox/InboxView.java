package io.jenkins.plugins.criticalchangegate.jenkins.inbox;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.criticalchangegate.inbox.DecidedGate;
import io.jenkins.plugins.criticalchangegate.inbox.Inbox;
import java.util.ArrayList;
import java.util.List;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/** One user's inbox as the page and {@code api/json} show it: an immutable value, computed per request. */
@ExportedBean
public final class InboxView {
    private final List<InboxGate> waitingForMe;
    private final List<InboxGate> waitingOnOthers;
    private final List<DecidedRow> recentlyDecided;
    @CheckForNull
    private final String user;
    @CheckForNull
    private final String notice;

    InboxView(Inbox inbox, @CheckForNull String user, @CheckForNull String notice) {
        this.user = user;
        this.notice = notice;
        List<InboxGate> mine = new ArrayList<>();
        inbox.waitingForMe().forEach(e -> mine.add(new InboxGate(e)));
        List<InboxGate> others = new ArrayList<>();
        inbox.waitingOnOthers().forEach(e -> others.add(new InboxGate(e)));
        List<DecidedRow> decided = new ArrayList<>();
        for (DecidedGate d : inbox.recentlyDecided()) {
            decided.add(new DecidedRow(d));
        }
        this.waitingForMe = List.copyOf(mine);
        this.waitingOnOthers = List.copyOf(others);
        this.recentlyDecided = List.copyOf(decided);
    }

    /** Tab "Waiting for me": the gates the user may approve now, oldest request first. */
    @Exported(inline = true)
    public List<InboxGate> getWaitingForMe() {
        return waitingForMe;
    }

    /** Tab "Waiting on others": open gates the user may read but not approve now, with the policy's reason. */
    @Exported(inline = true)
    public List<InboxGate> getWaitingOnOthers() {
        return waitingOnOthers;
    }

    /** The gates decided last, most recent first. */
    @Exported(inline = true)
    public List<DecidedRow> getRecentlyDecided() {
        return recentlyDecided;
    }

    /** Whom the inbox is for; null for anonymous. */
    @Exported
    @CheckForNull
    public String getUser() {
        return user;
    }

    /** Why nothing can wait for anyone now (no registry loaded); null normally. */
    @Exported
    @CheckForNull
    public String getNotice() {
        return notice;
    }
}
