using Lab.Matrix.Images;

namespace Lab.Matrix.Tests;

public sealed class ImageRecipeTests
{
    private static readonly ImageRecipe Bookworm = new("bookworm", "3.11", ["python3", "procps"]);

    [Fact]
    public void ImageRecipe_Hash_IsTwelveHexDigitsOfTheCanonicalText()
    {
        Assert.Matches("^[0-9a-f]{12}$", Bookworm.Hash);
        var expected = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(Bookworm.Text)))[..12];
        Assert.Equal(expected, Bookworm.Hash);
        Assert.Equal($"lab-os/bookworm:{Bookworm.Hash}", Bookworm.Reference);
        Assert.Equal($"bookworm@{Bookworm.Hash}", Bookworm.Label);
    }

    [Fact]
    public void ImageRecipe_SameContent_SameHashWhateverThePackageOrder()
    {
        Assert.Equal(Bookworm.Hash, new ImageRecipe("bookworm", "3.11", ["procps", "python3"]).Hash);
        // The Python series is what we expect to find, not what is built: it does not name the image.
        Assert.Equal(Bookworm.Hash, Bookworm with { PythonSeries = "3.12" } is var other ? other.Hash : "");
    }

    [Fact]
    public void ImageRecipe_ChangedSuiteOrPackages_ChangesTheHash()
    {
        Assert.NotEqual(Bookworm.Hash, (Bookworm with { Suite = "trixie" }).Hash);
        Assert.NotEqual(Bookworm.Hash, (Bookworm with { Packages = ["python3", "procps", "strace"] }).Hash);
        Assert.NotEqual(Bookworm.Hash, (Bookworm with { Packages = ["python3"] }).Hash);
    }

    [Fact]
    public void Suites_All_AreTheFourSuitesWithDistinctHashes()
    {
        Assert.Equal(["bullseye", "bookworm", "trixie", "sid"], Suites.All.Select(r => r.Suite));
        Assert.Equal(4, Suites.All.Select(r => r.Hash).Distinct().Count());
        Assert.All(Suites.All, r => Assert.Contains("python3", r.Packages));
    }

    [Fact]
    public void Suites_Select_CommaListsInCatalogOrderAndUnknownNamesRefused()
    {
        Assert.Equal(["bookworm", "sid"], Suites.Select(["sid,bookworm"]).Select(r => r.Suite));
        Assert.Equal(["bullseye", "trixie"], Suites.Select(["trixie", "bullseye"]).Select(r => r.Suite));
        Assert.Equal(4, Suites.Select(null).Count);
        var error = Assert.Throws<FormatException>(() => Suites.Select(["bookworm,jessie"]));
        Assert.Contains("'jessie'", error.Message);
        Assert.Contains("bullseye, bookworm, trixie, sid", error.Message);
    }

    [Theory]
    [InlineData("Types: deb\nURIs: http://deb.debian.org/debian\nSuites: bookworm bookworm-updates\n", "http://deb.debian.org/debian")]
    [InlineData("deb http://mirror.example/debian/ bookworm main\n", "http://mirror.example/debian")]
    [InlineData("deb [signed-by=/k.gpg] https://m.example/debian bookworm main\n", "https://m.example/debian")]
    [InlineData("# URIs: http://commented.example/debian\nURIs: http://deb.debian.org/debian-security\n", null)]
    [InlineData("deb https://packages.cloud.google.com/apt cloud-sdk-bookworm main\n", null)]
    public void AptMirror_FromSources_FindsTheDebianArchive(string sources, string? expected)
    {
        Assert.Equal(expected, AptMirror.FromSources(sources));
    }
}
