package archfixtures.packagecycle.domain.a;

import archfixtures.packagecycle.domain.b.Beta;

/** Alpha needs Beta, and Beta needs Alpha: a cycle between two packages. */
public final class Alpha {

    public Beta next() {
        return new Beta();
    }
}
