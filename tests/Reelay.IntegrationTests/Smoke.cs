public class Smoke { [Fact] public void Build_Compiles_True() => Assert.True(true); }
