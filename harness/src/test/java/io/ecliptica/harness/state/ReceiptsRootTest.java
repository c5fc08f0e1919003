package io.ecliptica.harness.state;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ReceiptsRootTest {

    /**
     * The Certificate Transparency reference roots for the first n of the test leaves "", 00, 10,
     * 2021, 3031, 40414243, 5051525354555657, 606162636465666768696a6b6c6d6e6f, as published in
     * transparency-dev/merkle testonly/constants.go (RootHashes) and, earlier, the C++ CT
     * merkle_tree_test; docs/reference/state_root.py section (g) reproduces every one.
     */
    static final String[] CT_ROOTS = {
        "0xe3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "0x6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "0xfac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "0xaeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "0xd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "0x4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "0x76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "0xddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "0x5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    };

    @Test
    void certificateTransparencyReferenceRoots() {
        for (int n = 0; n <= 8; n++) {
            assertEquals(CT_ROOTS[n], ReceiptsRoot.of(WorkedExamplesTest.CT_LEAVES.subList(0, n)).toHex(), "n = " + n);
        }
    }

    @Test
    void matchesBottomUpConstructionForManySizes() {
        Random random = new Random(6962);
        List<byte[]> items = new ArrayList<>();
        for (int n = 0; n <= 130; n++) {
            assertEquals(ReferenceModel.hex(ReferenceModel.receiptsRoot(items)), ReceiptsRoot.of(items).toHex(), "n = " + n);
            byte[] item = new byte[random.nextInt(50)];
            random.nextBytes(item);
            items.add(item);
        }
    }

    @Test
    void orderMatters() {
        byte[] a = {1};
        byte[] b = {2};
        assertEquals(false, ReceiptsRoot.of(List.of(a, b)).equals(ReceiptsRoot.of(List.of(b, a))));
    }
}
