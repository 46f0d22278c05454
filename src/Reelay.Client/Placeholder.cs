namespace Reelay.Client; public static class Placeholder {}
