package hudson.model;

import hudson.security.AccessControlled;

public abstract class AbstractItem extends Actionable implements Item, AccessControlled {
    /** The escape hatch that turns off the Item.DISCOVER/READ check of {@code getTarget()} (a Script Console switch). */
    public static boolean SKIP_PERMISSION_CHECK;

    protected AbstractItem(ItemGroup parent, String name) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public String getFullName() {
        throw new UnsupportedOperationException("stub");
    }
}
