package archfixtures.packagecycle.domain.b;

import archfixtures.packagecycle.domain.a.Alpha;

public final class Beta {

    public Alpha back() {
        return new Alpha();
    }
}
